// SPDX-License-Identifier: EUPL-1.2
// The font atlas fitted to a driver's largest texture (issue 28 item 4):
// built by Dear ImGui on the CPU with the app's own fonts, DejaVu as
// shipped, against small limits as old drivers have them.
#include "app/font_fit.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include "test_support.h"
#include "ui/ui.h"

namespace jurymn {
namespace {

const std::string kFonts = "/usr/share/fonts/truetype/dejavu/";

// One ImGui context whose atlas holds the jury's fonts at a zoom, or the
// candidate window's.
class Atlas : public ::testing::Test {
protected:
  Atlas() : context_(ImGui::CreateContext()) {}
  ~Atlas() override { ImGui::DestroyContext(context_); }
  void jury(float scale) { fonts = ui::build_fonts(regular_, bold_, scale); }
  void candidate() { fonts = ui::build_display_fonts(regular_, bold_); }
  ImFontAtlas& atlas() { return *ImGui::GetIO().Fonts; }
  bool within(int limit) { return atlas().TexWidth <= limit && atlas().TexHeight <= limit; }

  ui::Fonts fonts;

private:
  ImGuiContext* context_;
  std::string regular_ = test::slurp(kFonts + "DejaVuSans.ttf");
  std::string bold_ = test::slurp(kFonts + "DejaVuSans-Bold.ttf");
};

TEST_F(Atlas, ALargeLimitChangesNothing) {
  jury(1.3f);
  const int width = atlas().TexWidth, height = atlas().TexHeight;
  const FontFit fit = fit_font_atlas(atlas(), 16384);
  EXPECT_TRUE(fit.fits);
  EXPECT_FALSE(fit.oversampling_dropped);
  EXPECT_FALSE(fit.digits_shrunk);
  EXPECT_EQ(fit.note, "");
  EXPECT_EQ(atlas().TexWidth, width);
  EXPECT_EQ(atlas().TexHeight, height);
  EXPECT_FLOAT_EQ(fonts.timer->FontSize, 150.0f * 1.3f);
}

// Windows' software OpenGL 1.1 (Remote Desktop, basic display driver) takes
// 1024 px: the jury's fonts at 130 % (195 px digits) are larger than that.
// Oversampling given up, they fit, every font at its size.
TEST_F(Atlas, At130PercentTheJurysFontsFit1024AtTheirSize) {
  jury(1.3f);
  ASSERT_FALSE(within(1024)) << "the atlas already fits: the test proves nothing";
  const FontFit fit = fit_font_atlas(atlas(), 1024);
  EXPECT_TRUE(fit.fits) << fit.note;
  EXPECT_TRUE(within(1024)) << atlas().TexWidth << "×" << atlas().TexHeight;
  EXPECT_TRUE(fit.oversampling_dropped);
  EXPECT_FLOAT_EQ(fonts.timer->FontSize, 195.0f);
  EXPECT_FLOAT_EQ(fonts.body->FontSize, 18.0f * 1.3f);
  EXPECT_FLOAT_EQ(fonts.heading->FontSize, 22.0f * 1.3f);
  EXPECT_FLOAT_EQ(fonts.title->FontSize, 28.0f * 1.3f);
  EXPECT_EQ(fit.note.rfind("textures limitées à 1024 px\u00A0: polices sans suréchantillonnage", 0), 0u) << fit.note;
}

// The candidate's window, 260 px digits: within 1024 the digits shrink (the
// labels keep their size) and the atlas fits; within 2048 they shrink less.
TEST_F(Atlas, TheCandidatesDigitsShrinkToFit1024AndLessFor2048) {
  candidate();
  ASSERT_FALSE(within(1024));
  FontFit fit = fit_font_atlas(atlas(), 1024);
  EXPECT_TRUE(fit.fits) << fit.note;
  EXPECT_TRUE(within(1024)) << atlas().TexWidth << "×" << atlas().TexHeight;
  EXPECT_TRUE(fit.digits_shrunk);
  EXPECT_LT(fonts.timer->FontSize, 260.0f);
  EXPECT_GE(fonts.timer->FontSize, 40.0f);  // still a clock read across the room
  EXPECT_FLOAT_EQ(fit.largest_digits_px, fonts.timer->FontSize);
  EXPECT_FLOAT_EQ(fonts.body->FontSize, 30.0f);
  EXPECT_FLOAT_EQ(fonts.heading->FontSize, 44.0f);
  EXPECT_NE(fit.note.find("grands chiffres ramenés à " + std::to_string(static_cast<int>(fonts.timer->FontSize)) + " px"),
            std::string::npos)
      << fit.note;
  // The digits are in the atlas, at their new size.
  const ImFontGlyph* zero = fonts.timer->FindGlyphNoFallback('0');
  ASSERT_NE(zero, nullptr);
  EXPECT_GT(zero->Y1 - zero->Y0, fonts.timer->FontSize * 0.5f);
  const float at_1024 = fonts.timer->FontSize;
  candidate();
  fit = fit_font_atlas(atlas(), 2048);
  EXPECT_TRUE(fit.fits) << fit.note;
  EXPECT_TRUE(within(2048)) << atlas().TexWidth << "×" << atlas().TexHeight;
  EXPECT_GT(fonts.timer->FontSize, at_1024);
}

// A limit too small for the text itself is said, not hidden; the digits
// went as far down as they may.
TEST_F(Atlas, ALimitTooSmallForTheTextIsSaid) {
  jury(1.0f);
  const FontFit fit = fit_font_atlas(atlas(), 256);
  EXPECT_FALSE(fit.fits);
  EXPECT_FLOAT_EQ(fonts.timer->FontSize, 40.0f);
  EXPECT_FLOAT_EQ(fonts.body->FontSize, 18.0f);
  EXPECT_NE(fit.note.find("ne tiennent pas"), std::string::npos) << fit.note;
}

TEST(TextureLimit, TheDriversUnlessAskedForLess) {
  EXPECT_EQ(texture_limit(16384, nullptr), 16384);
  EXPECT_EQ(texture_limit(16384, ""), 16384);
  EXPECT_EQ(texture_limit(16384, "1024"), 1024);
  EXPECT_EQ(texture_limit(2048, "4096"), 2048);  // never more than the driver takes
  EXPECT_EQ(texture_limit(16384, "0"), 16384);
  EXPECT_EQ(texture_limit(16384, "-5"), 16384);
  EXPECT_EQ(texture_limit(16384, "1024px"), 16384);
}

}  // namespace
}  // namespace jurymn
