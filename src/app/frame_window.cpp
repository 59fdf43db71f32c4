// SPDX-License-Identifier: EUPL-1.2
#define GLFW_INCLUDE_NONE
#include "app/frame_window.h"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <vector>

#include "app/app_icon.h"

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
}  // namespace

bool FrameWindow::open(const Options& o) {
  if (window_) return true;
  GLFWwindow* previous_gl = glfwGetCurrentContext();
  ImGuiContext* previous_imgui = ImGui::GetCurrentContext();
  window_ = glfwCreateWindow(o.width, o.height, o.title, nullptr, nullptr);
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
  ImGui_ImplOpenGL3_Init("#version 130");
  if (o.setup) o.setup();
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
  ImGui_ImplOpenGL3_Shutdown();
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
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    if (before_new_frame) before_new_frame();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    glfwGetFramebufferSize(window_, &fb_width_, &fb_height_);
    glViewport(0, 0, fb_width_, fb_height_);
    glClearColor(0.97f, 0.97f, 0.96f, 1.0f);  // the style's WindowBg
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  });
}

void FrameWindow::present() {
  if (window_) glfwSwapBuffers(window_);
}

}  // namespace jurymn
