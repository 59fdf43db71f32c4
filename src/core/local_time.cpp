#include "core/local_time.h"

namespace jurymn {

std::tm local_tm(TimeMs t) {
  const std::time_t s = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
#ifdef _WIN32
  if (localtime_s(&tm, &s) != 0) return std::tm{};
#else
  if (!localtime_r(&s, &tm)) return std::tm{};
#endif
  return tm;
}

std::string local_time_text(TimeMs t, const char* format) {
  const std::tm tm = local_tm(t);
  char buf[64];
  const std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

std::string local_iso_day(TimeMs t) { return local_time_text(t, "%Y-%m-%d"); }

}  // namespace jurymn
