// The JS side of guarded() (js_values.hpp): the error is created and thrown by JavaScript, so no C++
// object and no emval handle is left behind in the WebAssembly frames the throw unwinds.
#include "js_values.hpp"

#include <emscripten/emscripten.h>

EM_JS(void, algorhythm_throw_error, (const char* message), { throw new Error(UTF8ToString(message)); });

namespace algorhythm::js {

std::string& pending_error() {
  static std::string message;
  return message;
}

void throw_pending_error() {
  algorhythm_throw_error(pending_error().c_str());
  __builtin_unreachable();
}

}  // namespace algorhythm::js
