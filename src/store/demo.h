#pragma once
#include <string>

namespace jurymn {

class Store;
class Clock;

struct DemoResult {
  std::string session_uuid;
  std::string error;  // French; empty on success
};

// A « jury blanc » session with fictional candidates, built only through
// Store::apply so that it is audited like real work.
DemoResult create_demo_session(Store& store, const Clock& clock);

}  // namespace jurymn
