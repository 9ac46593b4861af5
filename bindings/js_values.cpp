// The JS side of guarded() (js_values.hpp): a refused call's message becomes Module.engineError, a
// string, which the JS layer (web/src/engine/run.js checkEngineError) reads, clears and throws.
#include "js_values.hpp"

#include <emscripten/emscripten.h>

EM_JS(void, algorhythm_report_error, (const char* message), { Module["engineError"] = UTF8ToString(message); });

namespace algorhythm::js {

void report_error(const char* message) { algorhythm_report_error(message); }

}  // namespace algorhythm::js
