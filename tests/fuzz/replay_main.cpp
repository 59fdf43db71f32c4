// SPDX-License-Identifier: EUPL-1.2
// Runs a fuzz target without libFuzzer, for the normal build's ctest: calls
// LLVMFuzzerTestOneInput once on every file of the folders given (hidden
// files such as .gitkeep are skipped), in name order, and prints how many it
// ran. A target that traps or crashes fails the test; its last "replay:"
// line names the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR...\n", argv[0]);
    return 2;
  }
  std::size_t ran = 0;
  for (int a = 1; a < argc; ++a) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(argv[a], ec))
      if (e.is_regular_file() && e.path().filename().string().rfind('.', 0) != 0) files.push_back(e.path());
    if (ec) {
      std::fprintf(stderr, "%s: %s\n", argv[a], ec.message().c_str());
      return 1;
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      if (!in.good() && !in.eof()) {
        std::fprintf(stderr, "%s: unreadable\n", f.c_str());
        return 1;
      }
      std::printf("replay: %s (%zu bytes)\n", f.c_str(), bytes.size());
      std::fflush(stdout);
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++ran;
    }
  }
  std::printf("ran %zu inputs\n", ran);
  return ran == 0 ? 1 : 0;
}
