// SPDX-License-Identifier: EUPL-1.2
#include "app/app_icon.h"
#include "platform/platform.h"

#include <stb_image.h>

#include <filesystem>
#include <memory>

#include "io/file.h"

namespace jurymn {

AppIcon load_app_icon(const std::string& icons_dir) {
  AppIcon icon;
  for (int size : kAppIconSizes) {
    const std::string path = platform::path_text((platform::u8path(icons_dir) / ("jurymn-" + std::to_string(size) + ".png")));
    // Read through io/file (UTF-8 paths on Windows too), decode from memory.
    FileBytes file = read_file(path, 1u << 20);
    if (!file.error.empty()) {
      if (icon.error.empty()) icon.error = file.error;
      continue;
    }
    int w = 0, h = 0, channels = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(file.bytes.data()), static_cast<int>(file.bytes.size()),
                              &w, &h, &channels, 4),
        stbi_image_free);
    if (!pixels || w != size || h != size) {
      if (icon.error.empty())
        icon.error = "icône illisible ou de taille inattendue (" + std::to_string(size) + " px attendus)\u00A0: " + path;
      continue;
    }
    IconImage image{w, h, {}};
    image.rgba.assign(pixels.get(), pixels.get() + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    icon.images.push_back(std::move(image));
  }
  return icon;
}

}  // namespace jurymn
