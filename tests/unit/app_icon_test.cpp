// SPDX-License-Identifier: EUPL-1.2
// The window icon ships in every size and decodes to the expected pixels.
#include "app/app_icon.h"

#include <gtest/gtest.h>

#include <array>

#include "test_support.h"

namespace jurymn {
namespace {

std::array<int, 4> pixel(const IconImage& image, int x, int y) {
  const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 4;
  return {image.rgba[i], image.rgba[i + 1], image.rgba[i + 2], image.rgba[i + 3]};
}

TEST(AppIcon, EverySizeLoadsFromTheAssets) {
  const AppIcon icon = load_app_icon(JURYMN_ASSETS "/icons");
  EXPECT_EQ(icon.error, "");
  ASSERT_EQ(icon.images.size(), std::size(kAppIconSizes));
  for (std::size_t i = 0; i < icon.images.size(); ++i) {
    EXPECT_EQ(icon.images[i].width, kAppIconSizes[i]);
    EXPECT_EQ(icon.images[i].height, kAppIconSizes[i]);
    EXPECT_EQ(icon.images[i].rgba.size(), static_cast<std::size_t>(kAppIconSizes[i] * kAppIconSizes[i] * 4));
  }
}

// A stopwatch on a transparent ground: navy ring, white face (256 px).
TEST(AppIcon, TheStopwatchIsWhereTheSvgDrawsIt) {
  const AppIcon icon = load_app_icon(JURYMN_ASSETS "/icons");
  ASSERT_EQ(icon.images.size(), std::size(kAppIconSizes));
  const IconImage& big = icon.images.back();
  EXPECT_EQ(pixel(big, 2, 253)[3], 0) << "corner not transparent";
  const auto ring = pixel(big, 128, 230);
  EXPECT_EQ(ring[3], 255);
  EXPECT_GT(ring[2], ring[0] + 80) << "ring not navy";
  const auto face = pixel(big, 128, 200);
  EXPECT_EQ(face, (std::array<int, 4>{255, 255, 255, 255})) << "face not white";
  // At 16 px the ring still shows: some opaque navy on the middle row.
  const IconImage& small = icon.images.front();
  int navy = 0;
  for (int x = 0; x < 16; ++x) {
    const auto p = pixel(small, x, 9);
    if (p[3] == 255 && p[2] > p[0] + 80) ++navy;
  }
  EXPECT_GE(navy, 2);
}

TEST(AppIcon, AMissingFolderIsNamedInTheError) {
  test::TempDir dir;
  const AppIcon icon = load_app_icon(dir.file("nowhere"));
  EXPECT_TRUE(icon.images.empty());
  EXPECT_NE(icon.error.find("jurymn-16.png"), std::string::npos) << icon.error;
}

}  // namespace
}  // namespace jurymn
