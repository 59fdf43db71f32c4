// SPDX-License-Identifier: EUPL-1.2
#include "core/local_time.h"

#include <atomic>
#include <mutex>

#include "core/validation.h"

namespace jurymn {

namespace {

// std::localtime returns a shared static buffer: copy it out under a lock.
bool portable_local_time(std::time_t seconds, std::tm& out) {
  static std::mutex m;
  std::lock_guard<std::mutex> lock(m);
  const std::tm* tm = std::localtime(&seconds);
  if (!tm) return false;
  out = *tm;
  return true;
}

std::atomic<LocalTimeConversion> conversion{&portable_local_time};

}  // namespace

void set_local_time_conversion(LocalTimeConversion convert) {
  conversion.store(convert ? convert : &portable_local_time);
}

std::tm local_tm(TimeMs t) {
  const std::time_t s = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
  if (!conversion.load()(s, tm)) return std::tm{};
  return tm;
}

std::string local_time_text(TimeMs t, const char* format) {
  const std::tm tm = local_tm(t);
  char buf[64];
  const std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

std::string local_iso_day(TimeMs t) { return local_time_text(t, "%Y-%m-%d"); }

std::string french_day(int year, int month, int day) {
  static const char* const months[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                       "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  if (month < 1 || month > 12) return "—";
  return std::to_string(day) + (day == 1 ? "er" : "") + "\u00A0" + months[month - 1] + "\u00A0" +
         std::to_string(year);
}

std::string french_date(std::string_view iso) {
  if (!is_iso_date(iso)) return std::string(iso);
  return french_day(std::stoi(std::string(iso.substr(0, 4))), std::stoi(std::string(iso.substr(5, 2))),
                    std::stoi(std::string(iso.substr(8, 2))));
}

std::string french_clock(TimeMs t) { return local_time_text(t, "%H\u00A0h\u00A0%M"); }

std::string french_date_time(TimeMs t) {
  const std::tm tm = local_tm(t);
  return french_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) + " à " + french_clock(t);
}

}  // namespace jurymn
