#define GLFW_INCLUDE_NONE
#include "app/candidate_window.h"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

namespace jurymn {

bool CandidateWindow::open(void* user_pointer) {
  if (window_) return true;
  GLFWwindow* previous_gl = glfwGetCurrentContext();
  ImGuiContext* previous_imgui = ImGui::GetCurrentContext();
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  window_ = glfwCreateWindow(1024, 640, "Jury MN — temps de l’épreuve", nullptr, nullptr);
  if (!window_) return false;
  if (count > 1) {
    int x = 0, y = 0, w = 0, h = 0;
    glfwGetMonitorWorkarea(monitors[1], &x, &y, &w, &h);
    glfwSetWindowPos(window_, x + 40, y + 40);
    glfwMaximizeWindow(window_);
  }
  glfwSetWindowUserPointer(window_, user_pointer);
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(0);
  imgui_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(imgui_);
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(window_, false);  // shows only: no input callbacks
  ImGui_ImplOpenGL3_Init("#version 130");
  fonts_ = ui::build_display_fonts(regular_, bold_);
  ui::apply_style(1.0f);
  ImGui::SetCurrentContext(previous_imgui);
  glfwMakeContextCurrent(previous_gl);
  return true;
}

void CandidateWindow::close() {
  if (!window_) return;
  GLFWwindow* previous_gl = glfwGetCurrentContext();
  ImGuiContext* previous_imgui = ImGui::GetCurrentContext();
  glfwMakeContextCurrent(window_);
  ImGui::SetCurrentContext(imgui_);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext(imgui_);
  glfwDestroyWindow(window_);
  ImGui::SetCurrentContext(previous_imgui != imgui_ ? previous_imgui : nullptr);
  glfwMakeContextCurrent(previous_gl != window_ ? previous_gl : nullptr);
  imgui_ = nullptr;
  window_ = nullptr;
}

bool CandidateWindow::close_requested() const { return window_ && glfwWindowShouldClose(window_); }

void CandidateWindow::draw(ui::UiState& state, const ui::Environment& main_env, GLFWwindow* main_window) {
  if (!window_) return;
  ImGuiContext* main_imgui = ImGui::GetCurrentContext();
  glfwMakeContextCurrent(window_);
  ImGui::SetCurrentContext(imgui_);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  ui::Environment env{main_env.store, main_env.clock, main_env.services, fonts_, main_env.read_only_reason, {}};
  // The candidate window shows the run of the exam screen, whatever the
  // jury has on its own screen meanwhile.
  ui::Screen screen = state.screen;
  state.screen = ui::Screen::CandidateTimer;
  ui::draw_frame(state, env);
  state.screen = screen;
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.97f, 0.97f, 0.96f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(window_);
  ImGui::SetCurrentContext(main_imgui);
  glfwMakeContextCurrent(main_window);
}

}  // namespace jurymn
