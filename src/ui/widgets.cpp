// SPDX-License-Identifier: EUPL-1.2
#include "ui/widgets.h"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "core/local_time.h"
#include "core/soft_wrap.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <unordered_map>

namespace jurymn::ui {

// The labels live in the core, shared with the printed documents.
const char* label(SessionKind k) { return french_label(k).data(); }
const char* label(Attendance a) { return french_label(a).data(); }
const char* label(JuryRole r) { return french_label(r).data(); }
const char* label(const JuryMemberRecord& m) { return french_label(m.role, m.feminine).data(); }

std::string label(const CcpSet& s) { return french_label(s); }

bool ccp_checkboxes(const Title& title, CcpSet& set, const CcpSet& locked) {
  bool changed = false;
  for (std::size_t i = 0; i < title.ccps.size(); ++i) {
    const CcpId& id = title.ccps[i].id;
    if (i > 0) ImGui::SameLine();
    const bool disabled = locked.has(id);
    bool on = set.has(id) && !disabled;
    ImGui::BeginDisabled(disabled);
    if (ImGui::Checkbox(id.c_str(), &on)) {
      if (on) set.add(id);
      else set.remove(id);
      set = title.ordered(set);
      changed = true;
    }
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", title.ccps[i].label.c_str());
  }
  return changed;
}

std::string french_date(std::string_view iso) { return jurymn::french_date(iso); }

namespace {
// Wall-clock times are shown in the laptop's local time.
}  // namespace

std::string iso_day(TimeMs t) { return local_iso_day(t); }

std::string clock_time(TimeMs t) { return french_clock(t); }

void rehearsal_banner() {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, colour::rehearsal);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  float h = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y;
  ImGui::BeginChild("##jury_blanc", ImVec2(0, h), false, ImGuiWindowFlags_NoScrollbar);
  ImGui::SetCursorPosY((h - ImGui::GetTextLineHeight()) * 0.5f);
  ImGui::TextUnformatted("  JURY BLANC — session d’entraînement, sans valeur de certification");
  ImGui::EndChild();
  ImGui::PopStyleColor(2);
}

void unsaved_banner(const Environment& env) {
  const std::string& reason = env.store.unsaved_reason();
  if (reason.empty()) return;
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string title = "Action non enregistrée à " + clock_time(env.store.unsaved_at()) +
                            " — le chronomètre continue de tourner";
  const std::string foot = "Base\u00A0: " + env.store.path() +
                           ". Ce bandeau disparaît dès qu’une saisie est de nouveau enregistrée.";
  // The child cannot size itself to its text: measure it.
  const float pad = style.WindowPadding.x;
  const float wrap = ImGui::GetContentRegionAvail().x - 2 * pad;
  ImGui::PushFont(env.fonts.heading);
  const float title_h = ImGui::CalcTextSize(title.c_str(), nullptr, false, wrap).y;
  ImGui::PopFont();
  const float text_h = ImGui::CalcTextSize(reason.c_str(), nullptr, false, wrap).y +
                       ImGui::CalcTextSize(foot.c_str(), nullptr, false, wrap).y;
  const float h = title_h + text_h + 2 * style.ItemSpacing.y + 2 * style.WindowPadding.y;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, colour::error);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, style.WindowPadding.y));
  ImGui::BeginChild("##unsaved", ImVec2(0, h), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoNav);
  ImGui::PushTextWrapPos(0);
  ImGui::PushFont(env.fonts.heading);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();
  ImGui::TextUnformatted(reason.c_str());
  ImGui::TextUnformatted(foot.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

void field_error(const FieldErrors& errors, std::string_view field) {
  for (const auto& e : errors) {
    if (e.field != field) continue;
    ImGui::PushStyleColor(ImGuiCol_Text, colour::error);
    ImGui::TextWrapped("%s", e.message.c_str());
    ImGui::PopStyleColor();
  }
}

void heading(const Fonts& fonts, const char* s) {
  ImGui::PushFont(fonts.heading);
  text(s);
  ImGui::PopFont();
}

bool note_result(Notice& notice, const ApplyResult& r, std::string_view success, TimeMs now) {
  notice.text = r.ok ? std::string(success) : r.error;
  notice.error = !r.ok;
  notice.at = now;
  return r.ok;
}

void help_marker(const char* text) {
  same_line_if_fits(ImGui::CalcTextSize("(?)").x);  // else under what it explains
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

namespace {
int g_multiline_active_frame = -1;  // the frame a multi-line field last had the keyboard
// The dialog itself has the keyboard, not a list opened from it.
bool dialog_has_keyboard() { return ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows); }
}  // namespace

Dialog::Dialog(const char* id, bool open, ImGuiWindowFlags flags) {
  if (open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  // Every frame, not once: a dialog that sizes itself stays in the middle of
  // the window as its size settles (ImGui centres it on its first frame,
  // before it has its size: it ended up at the top edge).
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  shown_ = ImGui::BeginPopupModal(id, nullptr, flags);
}

Dialog::~Dialog() {
  if (!shown_) return;
  if (closing_) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void close_dialog(const char* id) {
  if (!ImGui::IsPopupOpen(id)) return;
  const ImGuiContext& g = *GImGui;
  const ImGuiID popup = g.CurrentWindow->GetID(id);
  for (int i = 0; i < g.OpenPopupStack.Size; ++i)
    if (g.OpenPopupStack[i].PopupId == popup) return ImGui::ClosePopupToLevel(i, true);
}

bool Dialog::validated() const {
  if (!dialog_has_keyboard()) return false;
  if (!ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) &&
      !ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))
    return false;
  // A multi-line field still active after Enter: it was a new line there
  // (Ctrl+Enter deactivates it, so it validates).
  return g_multiline_active_frame != ImGui::GetFrameCount();
}

bool Dialog::cancelled() const {
  return dialog_has_keyboard() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}

bool Dialog::cancel_button(const char* label) {
  if (!ImGui::Button(label) && !cancelled()) return false;
  close();
  return true;
}

bool left_with_ctrl_enter() {
  // ImGui 1.86 deactivates a multi-line field on Ctrl+Enter (its default):
  // the key is still down on that frame.
  const ImGuiIO& io = ImGui::GetIO();
  return ImGui::IsItemDeactivated() && io.KeyCtrl &&
         (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
}

// ---- Text that must fit ----

namespace {
bool g_recording = false;
std::vector<TextOverflow> g_overflows;
std::vector<std::string> g_lines;
std::vector<ImGuiID> g_text_fields;  // the multi-line fields' child windows, this frame

void append_utf8(std::string& out, unsigned c) {
  if (c < 0x80) out += static_cast<char>(c);
  else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Where a line may break: after a space, or after the hyphen of a compound
// name (« Lœwenbrück-|Saint-|Exupéry »), which ImGui would otherwise cut
// anywhere. Pieces keep their trailing space or hyphen.
std::vector<std::string_view> breakable_pieces(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\n' || (s[i] == '-' && i > start)) {
      out.push_back(s.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  if (start < s.size()) out.push_back(s.substr(start));
  return out;
}

float piece_width(std::string_view p) {
  while (!p.empty() && (p.back() == ' ' || p.back() == '\n')) p.remove_suffix(1);
  return ImGui::CalcTextSize(p.data(), p.data() + p.size()).x;
}

// The widest piece of `s` that cannot be broken.
float widest_word(std::string_view s) {
  float widest = 0;
  for (auto p : breakable_pieces(s)) widest = std::max(widest, piece_width(p));
  return widest;
}

// `s` with line breaks put where it must wrap at `room`.
std::string wrapped(std::string_view s, float room) {
  std::string out, line;
  for (auto p : breakable_pieces(s)) {
    if (!line.empty() && line.back() != '\n' && piece_width(line + std::string(p)) > room) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + '\n';
      line.clear();
    }
    line += p;
    if (!line.empty() && line.back() == '\n') {
      out += line;
      line.clear();
    }
  }
  return out + line;
}
}  // namespace

void record_text_overflow(bool on) { g_recording = on; }
bool recording_text_overflow() { return g_recording; }
const std::vector<TextOverflow>& text_overflows() { return g_overflows; }
void clear_text_overflows() {
  g_overflows.clear();
  g_lines.clear();
  g_text_fields.clear();
}

namespace {
// A multi-line field as ImGui holds it: the text with soft breaks where its
// lines wrap (core/soft_wrap.h), rewrapped after each edit.
struct WrappingField {
  std::string text;        // as typed: what the caller holds
  SoftWrapped wrapped;     // what the field shows
  SoftWrapped in_imgui;    // what ImGui's own buffer held after the last frame
  SoftWrapped at_start;    // what it held when the keyboard came in (Escape goes back to it)
  std::string buffer;      // wrapped.shown, the string ImGui edits
  float room = -1;
  int seen = 0;            // the frame it was last drawn
  bool edited = false;     // by the keyboard, since the caller last had the text
};
std::unordered_map<ImGuiID, WrappingField> g_wrapping_fields;

float field_text_width(std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; }

// Called by ImGui on every frame the field has the keyboard, on its own
// buffer: an edit is rewrapped there and then, so the cursor lands where
// the letters went; a text rewrapped from outside (the width changed) is
// put in with the cursor at the same place in the text.
int rewrap_as_typed(ImGuiInputTextCallbackData* data) {
  auto& f = *static_cast<WrappingField*>(data->UserData);
  const std::string_view now(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  if (now == f.in_imgui.shown && f.wrapped == f.in_imgui) return 0;
  const auto cursor = static_cast<std::size_t>(data->CursorPos);
  std::size_t selection_start = 0, selection_end = 0;
  if (now != f.in_imgui.shown) {
    const bool forward = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete));
    SoftEdit edit = soft_wrap_edit(f.in_imgui, now, cursor, forward, f.room, field_text_width);
    f.wrapped = std::move(edit.wrapped);
    f.edited = true;
    selection_start = selection_end = edit.cursor;
    data->CursorPos = static_cast<int>(edit.cursor);
  } else {
    data->CursorPos = static_cast<int>(f.wrapped.to_shown(f.in_imgui.to_text(cursor)));
    selection_start = f.wrapped.to_shown(f.in_imgui.to_text(static_cast<std::size_t>(data->SelectionStart)));
    selection_end = f.wrapped.to_shown(f.in_imgui.to_text(static_cast<std::size_t>(data->SelectionEnd)));
  }
  data->DeleteChars(0, data->BufTextLen);
  data->InsertChars(0, f.wrapped.shown.data(), f.wrapped.shown.data() + f.wrapped.shown.size());
  data->SelectionStart = static_cast<int>(selection_start);
  data->SelectionEnd = static_cast<int>(selection_end);
  f.in_imgui = f.wrapped;
  return 0;
}
}  // namespace

bool text_field_multiline(const char* label, std::string* text, const ImVec2& size) {
  // ImGui names the field's child window after the field's own id.
  const ImGuiID id = ImGui::GetID(label);
  if (g_recording) g_text_fields.push_back(id);
  const ImGuiStyle& style = ImGui::GetStyle();
  // The room for a line: inside the frame's padding, beside the scrollbar
  // a long text gets (kept even while there is none, so that lines do not
  // move when it comes), and a pixel for the cursor after the last letter.
  const float outer = ImGui::CalcItemSize(size, ImGui::CalcItemWidth(), 0).x;
  const float room = std::max(1.0f, outer - 2 * style.FramePadding.x - style.ScrollbarSize - 2.0f);
  const int frame = ImGui::GetFrameCount();
  if (g_wrapping_fields.size() > 64)  // fields no longer drawn (another candidate's, a closed dialog's)
    std::erase_if(g_wrapping_fields, [frame](const auto& e) { return e.second.seen < frame - 2; });
  WrappingField& f = g_wrapping_fields[id];
  f.seen = frame;
  if (f.room != room || f.text != *text) {
    f.room = room;
    f.text = *text;
    f.wrapped = soft_wrap(*text, room, field_text_width);
    f.buffer = f.wrapped.shown;
  }
  const bool had_keyboard = ImGui::GetActiveID() == id;
  if (!had_keyboard) f.in_imgui = f.at_start = f.wrapped;  // ImGui takes the buffer as it comes in
  ImGui::InputTextMultiline(label, &f.buffer, size,
                            ImGuiInputTextFlags_CallbackAlways | ImGuiInputTextFlags_NoHorizontalScroll,
                            rewrap_as_typed, &f);
  // Still typing in it after this frame's keys: Enter was a new line there.
  if (ImGui::IsItemActive()) g_multiline_active_frame = frame;
  if (f.buffer != f.wrapped.shown) {
    // Changed without the callback: Escape put back the text the keyboard found.
    f.wrapped = f.buffer == f.at_start.shown ? f.at_start : soft_wrap_edit(f.wrapped, f.buffer, 0, false, room, field_text_width).wrapped;
    f.buffer = f.wrapped.shown;
    f.edited = true;
  }
  if (!f.edited) return false;
  f.edited = false;
  std::string typed = f.wrapped.text();
  if (typed == *text) return false;
  *text = typed;
  f.text = std::move(typed);
  return true;
}
const std::vector<std::string>& drawn_lines() { return g_lines; }

void note_overflow(std::string where, std::string text, float width, float room) {
  if (!g_recording) return;
  for (const auto& o : g_overflows)
    if (o.where == where && o.text == text) return;
  g_overflows.push_back({std::move(where), std::move(text), width, room});
}

// What ImGui itself knows of each window and table column this frame: how
// far its content reached, against the room it had. This catches what the
// draw lists cannot show (a glyph wholly outside its clip rect is never
// drawn) and the headers ImGui shortens with « … ».
static void check_content_extents() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  constexpr float kSlack = 1.0f;
  for (ImGuiWindow* w : g.Windows) {
    if (!w->WasActive || w->Hidden || (w->Flags & ImGuiWindowFlags_Tooltip)) continue;
    // A multi-line text field's own child: typed text scrolls there, it is
    // not a label. (Not told by NoMove: every child inherits it from the
    // main window, which hid all child windows from this check.)
    if ((w->Flags & ImGuiWindowFlags_ChildWindow) &&
        std::find(g_text_fields.begin(), g_text_fields.end(), w->ChildId) != g_text_fields.end())
      continue;
    if (w->Flags & ImGuiWindowFlags_AlwaysAutoResize) continue;
    // A horizontal scrollbar hides what is past the edge as surely as a clip
    // rect (« Commencer C » at the edge of the candidates' table): the jury
    // reads the screen as it opens, so content must fit without it.
    const float reached = w->DC.CursorMaxPos.x;
    const float edge = w->WorkRect.Max.x + w->Scroll.x;
    if (reached > edge + kSlack)
      note_overflow(w->Name, "(contenu plus large que la fenêtre)", reached - w->WorkRect.Min.x,
                    edge - w->WorkRect.Min.x);
    // Below the bottom edge of a window that cannot scroll, content is simply
    // not there (the exam screen's current stage under the Étapes panel).
    if (!w->ScrollbarY && w->ScrollMax.y <= 0 && (w->Flags & ImGuiWindowFlags_ChildWindow) &&
        w->DC.CursorMaxPos.y > w->WorkRect.Max.y + kSlack + ImGui::GetStyle().ItemSpacing.y)
      note_overflow(w->Name, "(contenu plus haut que la fenêtre, sans barre de défilement)",
                    w->DC.CursorMaxPos.y - w->WorkRect.Min.y, w->WorkRect.Max.y - w->WorkRect.Min.y);
  }
  for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
    ImGuiTable* t = g.Tables.TryGetMapData(i);
    if (!t || t->LastFrameActive != g.FrameCount) continue;
    for (int c = 0; c < t->ColumnsCount; ++c) {
      const ImGuiTableColumn& col = t->Columns[c];
      if (!col.IsEnabled || (col.Flags & ImGuiTableColumnFlags_NoClip)) continue;
      const float reached =
          std::max({col.ContentMaxXUnfrozen, col.ContentMaxXFrozen, col.ContentMaxXHeadersIdeal});
      // A column's own right edge (MaxX), not its clip rect: in a table that
      // scrolls sideways the clip rect stops at the visible edge, and a
      // column past it is reported by the window check above.
      if (reached > col.MaxX + kSlack) {
        const char* name = ImGui::TableGetColumnName(t, c);
        note_overflow(std::string(t->OuterWindow ? t->OuterWindow->Name : "?") + " · colonne " +
                          std::to_string(c + 1) + (name && *name ? std::string(" ") + name : ""),
                      "(contenu plus large que la colonne)", reached - col.MinX, col.MaxX - col.MinX);
      }
    }
  }
}

void check_drawn_text() {
  if (!g_recording) return;
  check_content_extents();
  const ImDrawData* data = ImGui::GetDrawData();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (!data || !atlas) return;
  // A glyph is known by the corner of its place in the atlas.
  struct GlyphKey {
    float u, v;
    bool operator<(const GlyphKey& o) const { return u < o.u || (u == o.u && v < o.v); }
  };
  struct Glyph {
    unsigned codepoint;
    float u0, u1, v0, v1;  // its place in the atlas: a glyph cut on the CPU shows less of it
  };
  std::map<GlyphKey, Glyph> glyphs;
  // A glyph cut on its left or top (its near corner moved) is known by its far one.
  std::map<GlyphKey, Glyph> by_far_corner;
  for (const ImFont* font : atlas->Fonts)
    for (const auto& g : font->Glyphs) {
      glyphs.emplace(GlyphKey{g.U0, g.V0}, Glyph{g.Codepoint, g.U0, g.U1, g.V0, g.V1});
      by_far_corner.emplace(GlyphKey{g.U1, g.V1}, Glyph{g.Codepoint, g.U0, g.U1, g.V0, g.V1});
    }
  struct Drawn {
    float x0, x1, y0, y1;
    unsigned codepoint;
    // ImGui cuts a glyph at a clip rect on the CPU (buttons, placeholders,
    // RenderTextClipped): the quad then ends at the rect, as if it fitted,
    // and only its texture coordinates show the part that is missing.
    bool cut_by_cpu = false;
    bool cut_by_cpu_vertically = false;  // its top or bottom, by the edge of the rect it was clipped to
  };
  // The pixels of a glyph's height cut off on the CPU: its drawn part
  // against its part in the atlas (a descender a pixel past a button's frame
  // is not a cut line).
  const auto cut_height = [](float v0, float v1, float full_v0, float full_v1, float drawn) {
    return v1 > v0 ? drawn * ((full_v1 - full_v0) / (v1 - v0) - 1.0f) : 0.0f;
  };
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    std::vector<Drawn> in_list;  // every glyph of this window, visible part
    // A multi-line field's text scrolls under its edges as it is typed;
    // everywhere else a line half under the top or the bottom edge of a
    // table, a panel or a scrolling area is a line the jury cannot read as
    // the screen opens (the deliberation's rows at 130 %).
    const ImGuiWindow* owner = list->_OwnerName ? ImGui::FindWindowByName(list->_OwnerName) : nullptr;
    const bool typed_text = owner && (owner->Flags & ImGuiWindowFlags_ChildWindow) &&
                            std::find(g_text_fields.begin(), g_text_fields.end(), owner->ChildId) != g_text_fields.end();
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) continue;
      std::vector<Drawn> drawn;
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const ImDrawVert& a = list->VtxBuffer[cmd.VtxOffset + list->IdxBuffer[cmd.IdxOffset + i]];
        Drawn d{a.pos.x, a.pos.x, a.pos.y, a.pos.y, 0};
        float u0 = a.uv.x, v0 = a.uv.y, u1 = a.uv.x, v1 = a.uv.y;
        for (unsigned k = 1; k < 3; ++k) {
          const ImDrawVert& v = list->VtxBuffer[cmd.VtxOffset + list->IdxBuffer[cmd.IdxOffset + i + k]];
          d.x0 = std::min(d.x0, v.pos.x), d.x1 = std::max(d.x1, v.pos.x);
          d.y0 = std::min(d.y0, v.pos.y), d.y1 = std::max(d.y1, v.pos.y);
          u0 = std::min(u0, v.uv.x), u1 = std::max(u1, v.uv.x);
          v0 = std::min(v0, v.uv.y), v1 = std::max(v1, v.uv.y);
        }
        // The first vertex of ImGui's glyph quad is its top-left corner.
        if (a.uv.x != u0 || a.uv.y != v0) continue;
        const float eps = 1e-6f;
        if (auto it = glyphs.find(GlyphKey{u0, v0}); it != glyphs.end()) {
          d.codepoint = it->second.codepoint;
          d.cut_by_cpu_vertically = cut_height(v0, v1, it->second.v0, it->second.v1, d.y1 - d.y0) > 1.5f;
          d.cut_by_cpu = u1 < it->second.u1 - eps || d.cut_by_cpu_vertically;
        } else if (auto far = by_far_corner.find(GlyphKey{u1, v1}); far != by_far_corner.end()) {
          d.codepoint = far->second.codepoint;
          d.cut_by_cpu_vertically = cut_height(v0, v1, far->second.v0, far->second.v1, d.y1 - d.y0) > 1.5f;
          d.cut_by_cpu = u0 > far->second.u0 + eps || d.cut_by_cpu_vertically;
        } else {
          continue;
        }
        if (drawn.empty() || drawn.back().x0 != d.x0 || drawn.back().y0 != d.y0) drawn.push_back(d);
      }
      // Every line drawn, as text, for the tests that read what is shown.
      std::vector<bool> taken(drawn.size(), false);
      for (std::size_t a = 0; a < drawn.size(); ++a) {
        if (taken[a]) continue;
        std::vector<const Drawn*> line;
        for (std::size_t b = a; b < drawn.size(); ++b)
          if (!taken[b] && drawn[b].y0 < drawn[a].y1 && drawn[b].y1 > drawn[a].y0) {
            taken[b] = true;
            line.push_back(&drawn[b]);
          }
        std::sort(line.begin(), line.end(), [](const Drawn* p, const Drawn* q) { return p->x0 < q->x0; });
        std::string text;
        float last = -1e9f;
        for (const Drawn* o : line) {
          if (!text.empty() && o->x0 - last > (o->y1 - o->y0) * 0.3f) text += ' ';
          append_utf8(text, o->codepoint);
          last = o->x1;
        }
        g_lines.push_back(std::move(text));
      }
      for (const Drawn& d : drawn)
        if (d.x0 < cmd.ClipRect.z && d.x1 > cmd.ClipRect.x && d.y0 < cmd.ClipRect.w && d.y1 > cmd.ClipRect.y)
          in_list.push_back(d);
      const ImVec4& clip = cmd.ClipRect;
      constexpr float kSlack = 1.5f;  // a glyph's box is a pixel wider than its ink
      for (const Drawn& d : drawn) {
        // Lines scrolled wholly out of sight above or below are not cut text.
        if (d.y1 <= clip.y || d.y0 >= clip.w) continue;
        const bool cut_vertically =
            !typed_text && (d.cut_by_cpu_vertically || d.y0 < clip.y - kSlack || d.y1 > clip.w + kSlack);
        // A few glyphs (J, j in bold) reach left of where the text starts.
        if (!d.cut_by_cpu && !cut_vertically && d.x1 <= clip.z + kSlack && d.x0 >= clip.x - 2 * kSlack) continue;
        // The line it belongs to, as drawn, to name it.
        std::vector<const Drawn*> line;
        for (const Drawn& o : drawn)
          if (o.y0 < d.y1 && o.y1 > d.y0) line.push_back(&o);
        std::sort(line.begin(), line.end(), [](const Drawn* p, const Drawn* q) { return p->x0 < q->x0; });
        std::string text;
        float left = d.x0, right = d.x1, last = -1e9f;
        for (const Drawn* o : line) {
          if (!text.empty() && o->x0 - last > ImGui::GetFontSize() * 0.2f) text += ' ';
          append_utf8(text, o->codepoint);
          last = o->x1;
          left = std::min(left, o->x0);
          right = std::max(right, o->x1);
        }
        const std::string where = list->_OwnerName ? list->_OwnerName : "?";
        if (cut_vertically)
          note_overflow(where + (d.y0 < clip.y || (d.cut_by_cpu_vertically && d.y0 <= clip.y + kSlack)
                                     ? " (ligne coupée par le bord haut)"
                                     : " (ligne coupée par le bord bas)"),
                        text, d.y1 - d.y0, std::max(0.0f, std::min(d.y1, clip.w) - std::max(d.y0, clip.y)));
        else
          note_overflow(where, text, right - left, clip.z - clip.x);
        break;  // one report per clipped piece of a draw command
      }
    }
    // One text drawn over another (a title running under the buttons beside
    // it): two glyphs that share much of their boxes.
    std::sort(in_list.begin(), in_list.end(), [](const Drawn& p, const Drawn& q) { return p.x0 < q.x0; });
    for (std::size_t a = 0; a < in_list.size(); ++a) {
      const Drawn& p = in_list[a];
      for (std::size_t b = a + 1; b < in_list.size() && in_list[b].x0 < p.x1; ++b) {
        const Drawn& q = in_list[b];
        const float w = std::min(p.x1, q.x1) - std::max(p.x0, q.x0);
        const float h = std::min(p.y1, q.y1) - std::max(p.y0, q.y0);
        // Neighbours whose ink overhangs touch a pixel or two (« fJ » in a
        // random folder name of the status line), not a text over another.
        if (w <= ImGui::GetFontSize() * 0.2f || h <= 0) continue;
        const float smaller = std::min((p.x1 - p.x0) * (p.y1 - p.y0), (q.x1 - q.x0) * (q.y1 - q.y0));
        if (w * h < 0.3f * smaller) continue;  // neighbours in a word touch a little
        std::string pair;
        append_utf8(pair, p.codepoint);
        pair += " / ";
        append_utf8(pair, q.codepoint);
        note_overflow(std::string(list->_OwnerName ? list->_OwnerName : "?") + " (textes superposés à x=" +
                          std::to_string(static_cast<int>(p.x0)) + ", y=" + std::to_string(static_cast<int>(p.y0)) + ")",
                      pair, w, 0);
        a = in_list.size();  // one report per window is enough to look
        break;
      }
    }
  }
}

namespace {
bool imgui_settling() {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (const ImGuiPopupData& p : g.OpenPopupStack)
    if (!p.Window || !p.Window->Active) return true;  // opened this frame, first drawn on the next
  for (const ImGuiWindow* w : g.Windows)
    if (w->Active && (w->HiddenFramesCanSkipItems > 0 || w->HiddenFramesCannotSkipItems > 0 ||
                      w->HiddenFramesForRenderOnly > 0 || w->AutoFitFramesX > 0 || w->AutoFitFramesY > 0))
      return true;
  for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
    const ImGuiTable* t = g.Tables.TryGetMapData(i);
    if (!t || t->LastFrameActive != g.FrameCount) continue;
    if (t->IsInitializing || t->IsSettingsRequestLoad) return true;
    for (int c = 0; c < t->ColumnsCount; ++c)
      if (t->Columns[c].AutoFitQueue != 0 || t->Columns[c].CannotSkipItemsQueue != 0) return true;
  }
  return false;
}
}  // namespace

bool LayoutWatch::settling() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  std::vector<Shape> now;
  now.reserve(static_cast<std::size_t>(g.Windows.Size));
  for (const ImGuiWindow* w : g.Windows)
    if (w->Active)
      now.push_back({w->ID, w->Pos.x, w->Pos.y, w->SizeFull.x, w->SizeFull.y, w->ContentSize.x, w->ContentSize.y,
                     w->Scroll.x, w->Scroll.y});
  const bool moving = imgui_settling() || now != last_;
  last_ = std::move(now);
  in_a_row_ = moving ? in_a_row_ + 1 : 0;
  return moving && in_a_row_ <= kMaxSettlingFrames;
}

std::string wrap_lines(std::string_view s, float room) { return wrapped(s, room); }

void text(std::string_view s) {
  const float room = ImGui::GetContentRegionAvail().x;
  const float width = ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
  if (width <= room) {
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
    return;
  }
  text_wrapped(s);
}

void text_muted(std::string_view s) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  text(s);
  ImGui::PopStyleColor();
}

void text_coloured(const ImVec4& c, std::string_view s) {
  ImGui::PushStyleColor(ImGuiCol_Text, c);
  text(s);
  ImGui::PopStyleColor();
}

void text_wrapped(std::string_view s, float wrap_width) {
  const float room = wrap_width > 0 ? wrap_width : ImGui::GetContentRegionAvail().x;
  if (const float w = widest_word(s); w > room + 0.5f) note_overflow("mot trop long", std::string(s), w, room);
  const std::string lines = wrapped(s, room);
  // ImGui still wraps a word too long for the room, rather than cut it.
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + room);
  ImGui::TextUnformatted(lines.c_str(), lines.c_str() + lines.size());
  ImGui::PopTextWrapPos();
}

void text_at_right(std::string_view s, float used, bool muted) {
  const float width = ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
  const float room = ImGui::GetContentRegionMax().x;  // the line's right edge, from the window's left
  const float start = ImGui::GetWindowContentRegionMin().x;
  const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
  if (start + used + gap + width <= room) ImGui::SameLine(room - width);
  if (muted) text_muted(s);
  else text(s);
}

void title_line(const Fonts& fonts, const std::string& title, const std::vector<TitlePiece>& pieces) {
  ImGui::PushFont(fonts.heading);
  text(title);
  ImGui::PopFont();
  for (const auto& p : pieces) {
    same_line_if_fits(ImGui::CalcTextSize(p.text.c_str()).x);
    text_coloured(p.colour, p.text);
  }
}

std::optional<std::string> path_dialog_answer(std::shared_ptr<PathDialog>& dialog, UiState& state,
                                              const Environment& env, std::string_view still_open) {
  if (!dialog) return std::nullopt;
  if (auto chosen = dialog->answer()) {
    dialog.reset();
    return chosen;
  }
  const TimeMs soon = env.clock.now_ms() + 200;
  state.window.wake_by(soon);
  text_muted(still_open);
  return std::nullopt;
}

bool same_line_if_fits(float width) {
  const float end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
  const float right = ImGui::GetContentRegionMax().x;  // a table cell's own edge
  if (end + ImGui::GetStyle().ItemSpacing.x + width <= right) {
    ImGui::SameLine();
    return true;
  }
  return false;
}

int right_buttons(const std::vector<std::string>& labels, const std::vector<bool>& disabled, int* hovered) {
  const ImGuiStyle& style = ImGui::GetStyle();
  std::vector<float> widths;
  float total = 0;
  for (const auto& l : labels) {
    widths.push_back(ImGui::CalcTextSize(l.c_str(), nullptr, true).x + 2 * style.FramePadding.x);
    total += widths.back() + (widths.size() > 1 ? style.ItemSpacing.x : 0);
  }
  const float right = ImGui::GetContentRegionMax().x;
  const float left = ImGui::GetWindowContentRegionMin().x;
  const float end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
  if (end + 2 * style.ItemSpacing.x + total <= right) ImGui::SameLine(right - total);
  else if (total <= right - left) ImGui::SetCursorPosX(right - total);
  int pressed = -1;
  if (hovered) *hovered = -1;
  float x = ImGui::GetCursorPosX();
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) {
      if (x + style.ItemSpacing.x + widths[i] <= right + 0.5f) {
        ImGui::SameLine();
        x += style.ItemSpacing.x;
      } else {
        x = left;
      }
    }
    const bool off = i < disabled.size() && disabled[i];
    ImGui::BeginDisabled(off);
    if (ImGui::Button(labels[i].c_str())) pressed = static_cast<int>(i);
    ImGui::EndDisabled();
    if (hovered && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) *hovered = static_cast<int>(i);
    x += widths[i];
  }
  return pressed;
}

void headers_row() {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(ImGuiCol_TableHeaderBg));
  const int columns = ImGui::TableGetColumnCount();
  for (int c = 0; c < columns; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    const char* name = ImGui::TableGetColumnName(c);
    if (!name || !*name) continue;
    ImGui::PushID(c);
    text_wrapped(name);
    ImGui::PopID();
  }
}

float fit_scale(std::string_view s, ImVec2 room) {
  const ImVec2 size = ImGui::CalcTextSize(s.data(), s.data() + s.size());
  float scale = 1.0f;
  if (size.x > room.x && size.x > 0) scale = std::min(scale, room.x / size.x);
  if (size.y > room.y && size.y > 0) scale = std::min(scale, room.y / size.y);
  return std::max(scale, 0.05f);
}

}  // namespace jurymn::ui
