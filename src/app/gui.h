// SPDX-License-Identifier: EUPL-1.2
#pragma once
#include <string>

namespace jurymn {

struct GuiOptions {
  std::string db_path;
  std::string screen = "home";
  bool screen_given = false;  // --screen on the command line: it wins over resuming an exam
  std::string session;     // uuid or prefix, for --screen session
  std::string screenshot;  // PNG path: render, write, exit
  double exit_after = 0;   // seconds; 0 = run until closed
  bool stats = false;
  bool candidate_window = false;  // open the candidate-facing window at start
  std::string candidate;          // number: whose run the exam screens show
  // For tests, with --screenshot: keys pressed in the first frames, one
  // every few frames, before the capture ("down,space,1", "ctrl+n"; see
  // parse_key_presses in gui.cpp), so that a capture can show the outcome
  // of a real action.
  std::string press;
  // For tests and captures: the text size (100 = 100 %) instead of the
  // remembered one, not saved; the capture's size ("800x450").
  int zoom_percent = 0;
  std::string screenshot_size;
  // With --screenshot: every text wider than its room is listed on stderr
  // and the exit code is 4 (the clipping test).
  bool check_text = false;
  // With --screenshot: a dialog (ui::popup_names()) opened on its screen as
  // its button opens it, before the capture.
  std::string popup;
};

// Opens the window and runs until it is closed. Returns the exit code.
int run_gui(const GuiOptions& options);

}  // namespace jurymn
