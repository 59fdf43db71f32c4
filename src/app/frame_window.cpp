// SPDX-License-Identifier: EUPL-1.2
#define GLFW_INCLUDE_NONE
#include "app/frame_window.h"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl2.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "app/app_icon.h"
#include "app/font_fit.h"

namespace jurymn {

namespace {
void set_icon(GLFWwindow* window, const AppIcon& icon) {
  std::vector<GLFWimage> images;
  for (const IconImage& i : icon.images)
    images.push_back(GLFWimage{i.width, i.height, const_cast<unsigned char*>(i.rgba.data())});
  // GLFW copies the pixels. Wayland has no window icons: GLFW reports an
  // error there, which costs nothing but the icon.
  if (!images.empty()) glfwSetWindowIcon(window, static_cast<int>(images.size()), images.data());
}
// GL 2.0's, absent from the OpenGL 1.1 header Windows SDKs ship.
#ifndef GL_SHADING_LANGUAGE_VERSION
#define GL_SHADING_LANGUAGE_VERSION 0x8B8C
#endif

const char* gl_string(GLenum name) {
  const auto* s = reinterpret_cast<const char*>(glGetString(name));
  return s ? s : "";
}
}  // namespace

void FrameWindow::choose_renderer() {
  int major = 0, minor = 0;
  std::sscanf(gl_string(GL_VERSION), "%d.%d", &major, &minor);
  const std::string version = gl_string(GL_VERSION);
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture_);
  // JURYMN_MAX_TEXTURE_SIZE plans for a smaller limit than the driver's, to
  // see on a large driver what an old one shows (README).
  max_texture_ = texture_limit(max_texture_, std::getenv("JURYMN_MAX_TEXTURE_SIZE"));
  if (major >= 2) {
    // GLSL 1.30 comes with GL 3.0; a GL 2.x context has 1.10 or 1.20.
    int glsl_major = 1, glsl_minor = 10;
    std::sscanf(gl_string(GL_SHADING_LANGUAGE_VERSION), "%d.%d", &glsl_major, &glsl_minor);
    const int glsl = glsl_major * 100 + glsl_minor;
    const char* directive = glsl >= 130 ? "#version 130" : glsl >= 120 ? "#version 120" : "#version 110";
    // Dear ImGui's loader says whether the OpenGL 3 renderer runs here (in
    // 1.86 it wants GL_MAJOR_VERSION ≥ 3, so GL 2.x ends up below).
    if (ImGui_ImplOpenGL3_Init(directive)) {
      renderer_ = Renderer::OpenGL3;
      renderer_text_ = std::string("OpenGL 3 (GLSL ") + (directive + 9) + ") sur OpenGL " + version;
      return;
    }
  }
  ImGui_ImplOpenGL2_Init();
  renderer_ = Renderer::OpenGL2;
  renderer_text_ = "OpenGL 2 (sans shaders) sur OpenGL " + version;
}

// The font atlas is one texture: larger than GL_MAX_TEXTURE_SIZE, the text
// would not show at all (what to shrink: app/font_fit.h).
void FrameWindow::fit_fonts() { font_note_ = fit_font_atlas(*ImGui::GetIO().Fonts, max_texture_).note; }

void FrameWindow::reload_fonts() {
  if (!window_) return;
  in_contexts([&] {
    fit_fonts();
    if (renderer_ == Renderer::OpenGL3) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    } else {
      ImGui_ImplOpenGL2_DestroyFontsTexture();
      ImGui_ImplOpenGL2_CreateFontsTexture();
    }
  });
}

bool FrameWindow::open(const Options& o) {
  if (window_) return true;
  GLFWwindow* previous_gl = glfwGetCurrentContext();
  ImGuiContext* previous_imgui = ImGui::GetCurrentContext();
  if (!o.takes_focus) {
    glfwWindowHint(GLFW_FOCUSED, GLFW_FALSE);
    glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_FALSE);
  }
  window_ = glfwCreateWindow(o.width, o.height, o.title, nullptr, nullptr);
  if (!window_) {
    // No OpenGL 3.0 (Remote Desktop, a virtual machine, Windows' basic
    // display driver offer 1.1): whatever legacy context the driver has;
    // choose_renderer() then takes the renderer that runs on it. The hints
    // stay so for the candidate's window too.
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 1);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    window_ = glfwCreateWindow(o.width, o.height, o.title, nullptr, nullptr);
  }
  // The hints stay for the next window otherwise.
  glfwWindowHint(GLFW_FOCUSED, GLFW_TRUE);
  glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_TRUE);
  if (!window_) return false;
  if (o.icon) set_icon(window_, *o.icon);
  glfwSetWindowUserPointer(window_, o.user_pointer);
  if (o.install_callbacks) o.install_callbacks(window_);
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(o.swap_interval);
  imgui_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(imgui_);
  ImGuiIO& io = ImGui::GetIO();
  if (o.takes_input) io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.IniFilename = nullptr;               // layout is code, not a file
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would keep the CPU awake
  ImGui_ImplGlfw_InitForOpenGL(window_, o.takes_input);
  choose_renderer();
  if (o.setup) o.setup();
  fit_fonts();
  if (previous_gl) glfwMakeContextCurrent(previous_gl);
  if (previous_imgui) ImGui::SetCurrentContext(previous_imgui);
  return true;
}

void FrameWindow::close() {
  if (!window_) return;
  GLFWwindow* previous_gl = glfwGetCurrentContext();
  ImGuiContext* previous_imgui = ImGui::GetCurrentContext();
  glfwMakeContextCurrent(window_);
  ImGui::SetCurrentContext(imgui_);
  if (renderer_ == Renderer::OpenGL3) ImGui_ImplOpenGL3_Shutdown();
  else ImGui_ImplOpenGL2_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext(imgui_);
  // The other window's ImGui context is current again before this window
  // goes: destroying it can hand the focus to that window at once (Windows
  // sends WM_SETFOCUS from inside DestroyWindow), and ImGui's GLFW callbacks
  // read the current context — none would be a null dereference.
  ImGui::SetCurrentContext(previous_imgui != imgui_ ? previous_imgui : nullptr);
  glfwDestroyWindow(window_);
  glfwMakeContextCurrent(previous_gl != window_ ? previous_gl : nullptr);
  imgui_ = nullptr;
  window_ = nullptr;
}

void FrameWindow::in_contexts(const std::function<void()>& f) {
  GLFWwindow* previous_gl = glfwGetCurrentContext();
  ImGuiContext* previous_imgui = ImGui::GetCurrentContext();
  // Switching GL contexts is not free: only when another one is current.
  if (previous_gl != window_) glfwMakeContextCurrent(window_);
  ImGui::SetCurrentContext(imgui_);
  f();
  ImGui::SetCurrentContext(previous_imgui);
  if (previous_gl != window_ && previous_gl) glfwMakeContextCurrent(previous_gl);
}

void FrameWindow::frame(const std::function<void()>& draw, const std::function<void()>& before_new_frame) {
  if (!window_) return;
  in_contexts([&] {
    if (renderer_ == Renderer::OpenGL3) ImGui_ImplOpenGL3_NewFrame();
    else ImGui_ImplOpenGL2_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (before_new_frame) before_new_frame();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    glfwGetFramebufferSize(window_, &fb_width_, &fb_height_);
    glViewport(0, 0, fb_width_, fb_height_);
    glClearColor(0.97f, 0.97f, 0.96f, 1.0f);  // the style's WindowBg
    glClear(GL_COLOR_BUFFER_BIT);
    if (renderer_ == Renderer::OpenGL3) ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    else ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
  });
}

void FrameWindow::present() {
  if (window_) glfwSwapBuffers(window_);
}

}  // namespace jurymn
