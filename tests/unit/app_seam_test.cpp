// SPDX-License-Identifier: EUPL-1.2
// The app's own pieces that do not need a window: display settings and the
// operating system's random source used for the draw.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "app/os_random.h"
#include "app/settings.h"
#include "test_support.h"

namespace jurymn {
namespace {

TEST(UiSettings, ZoomIsRememberedAndClamped) {
  test::TempDir dir;
  const std::string config = dir.file("config/jurymn");
  EXPECT_FLOAT_EQ(load_ui_settings(config).scale, 1.0f);  // nothing saved yet
  ASSERT_EQ(save_ui_settings(config, UiSettings{1.3f}), "");
  EXPECT_FLOAT_EQ(load_ui_settings(config).scale, 1.3f);
  test::spit(config + "/settings.json", R"({"ui_scale": 40})");
  EXPECT_FLOAT_EQ(load_ui_settings(config).scale, kMaxScale);
}

TEST(UiSettings, ADamagedFileCostsOnlyThePreference) {
  test::TempDir dir;
  test::spit(dir.file("settings.json"), "{\"ui_scale\": ");
  EXPECT_FLOAT_EQ(load_ui_settings(dir.path().string()).scale, 1.0f);
  test::spit(dir.file("settings.json"), R"({"ui_scale": "grand"})");
  EXPECT_FLOAT_EQ(load_ui_settings(dir.path().string()).scale, 1.0f);
}

// 30,000 draws of one sheet out of three from the OS source: chi-square
// with 2 degrees of freedom under 13.816 (p = 0.001).
TEST(OsRandomSource, DrawsOfThreeSheetsAreUniform) {
  OsRandomSource random;
  std::array<int, 3> counts{};
  const int n = 30'000;
  for (int i = 0; i < n; ++i) {
    auto v = random.uniform(3);
    ASSERT_LT(v, 3u);
    ++counts[v];
  }
  double chi2 = 0;
  for (int c : counts) chi2 += std::pow(c - n / 3.0, 2) / (n / 3.0);
  EXPECT_LT(chi2, 13.816) << counts[0] << " / " << counts[1] << " / " << counts[2];
  EXPECT_EQ(random.uniform(1), 0u);
}

}  // namespace
}  // namespace jurymn
