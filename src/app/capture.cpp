// SPDX-License-Identifier: EUPL-1.2
#define GLFW_INCLUDE_NONE
#include "app/capture.h"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "app/frame_window.h"
#include "app/key_taps.h"
#include "io/file.h"
#include "ui/widgets.h"

namespace jurymn {

namespace {

bool write_screenshot(const std::string& path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);  // OpenGL rows run bottom-up
  // Encoded in memory, written through the seam: stb's own fopen would take
  // the path in Windows' ANSI code page.
  std::string png;
  const auto append = [](void* out, void* data, int size) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &png, width, height, 3, pixels.data(), width * 3)) return false;
  return write_file_atomic(path, png).empty();
}

}  // namespace

std::optional<std::vector<KeyPress>> parse_key_presses(const std::string& spec) {
  static const struct {
    const char* name;
    int key;
    unsigned character;
  } kNamed[] = {{"space", GLFW_KEY_SPACE, ' '}, {"enter", GLFW_KEY_ENTER, 0}, {"tab", GLFW_KEY_TAB, 0},
                {"escape", GLFW_KEY_ESCAPE, 0}, {"up", GLFW_KEY_UP, 0},        {"down", GLFW_KEY_DOWN, 0},
                {"left", GLFW_KEY_LEFT, 0},     {"right", GLFW_KEY_RIGHT, 0},
                {"backspace", GLFW_KEY_BACKSPACE, 0}, {"delete", GLFW_KEY_DELETE, 0}};
  std::vector<KeyPress> out;
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t end = std::min(spec.find(',', start), spec.size());
    std::string token = spec.substr(start, end - start);
    start = end + 1;
    KeyPress k;
    if (token.rfind("ctrl+", 0) == 0) {
      k.ctrl = true;
      token.erase(0, 5);
    }
    bool known = false;
    for (const auto& n : kNamed)
      if (token == n.name) {
        k.key = n.key;
        k.character = k.ctrl ? 0 : n.character;
        known = true;
      }
    if (!known && token.size() == 1 && std::isalnum(static_cast<unsigned char>(token[0]))) {
      const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(token[0])));
      k.key = std::isdigit(static_cast<unsigned char>(c)) ? GLFW_KEY_0 + (c - '0') : GLFW_KEY_A + (c - 'a');
      k.character = k.ctrl ? 0 : static_cast<unsigned>(c);
      known = true;
    }
    if (!known) return std::nullopt;
    out.push_back(k);
  }
  return out;
}

// A few frames for auto-sized windows to settle, after the keys of --press.
Capture::Capture(std::string png, std::vector<KeyPress> presses, bool check_text)
    : png_(std::move(png)),
      presses_(std::move(presses)),
      check_text_(check_text),
      countdown_(4 + kPressEvery * static_cast<int>(presses_.size())) {
  ui::record_text_overflow(active() && check_text_);
}

void Capture::before_new_frame(long frame, MarkingKeyQueue& keys) {
  if (presses_.empty()) return;
  ImGuiIO& io = ImGui::GetIO();
  for (const auto& k : presses_) io.KeysDown[k.key] = false;
  io.KeysDown[GLFW_KEY_LEFT_CONTROL] = false;
  io.KeyCtrl = false;
  if (next_press_ >= presses_.size() || frame < 1 || (frame - 1) % kPressEvery != 0) return;
  const KeyPress& k = presses_[next_press_++];
  io.KeysDown[k.key] = true;
  if (k.ctrl) io.KeysDown[GLFW_KEY_LEFT_CONTROL] = io.KeyCtrl = true;
  if (k.character) io.AddInputCharacter(k.character);
  // The same path as the key callback's.
  if (auto m = marking_key(k.key, k.ctrl ? GLFW_MOD_CONTROL : 0)) keys.push(*m);
}

void Capture::before_frame() {
  if (active() && countdown_ == 1) ui::clear_text_overflows();
}

Capture::Step Capture::after_frame(FrameWindow& window, bool settling) {
  if (!active()) return Step::Present;
  // The capture waits for the layout to settle (the deliberation sizes its
  // table from the rows and panels it drew on the frames before), as the
  // loop keeps drawing for it; LayoutWatch bounds the wait.
  if (countdown_ == 1 && settling) return Step::Again;
  if (--countdown_ > 0) return Step::Present;
  if (check_text_) {
    window.in_contexts([] { ui::check_drawn_text(); });
    for (const auto& line : ui::drawn_lines()) std::printf("texte : %s\n", line.c_str());
    for (const auto& o : ui::text_overflows())
      std::fprintf(stderr, "texte coupé [%s] : « %s » (%.0f px pour %.0f)\n", o.where.c_str(), o.text.c_str(), o.width,
                   o.room);
    if (!ui::text_overflows().empty()) exit_code_ = 4;
  }
  if (!write_screenshot(png_, window.framebuffer_width(), window.framebuffer_height())) {
    std::fprintf(stderr, "jurymn\u00A0: impossible d’écrire la capture %s\n", png_.c_str());
    exit_code_ = 1;
  }
  return Step::Done;
}

}  // namespace jurymn
