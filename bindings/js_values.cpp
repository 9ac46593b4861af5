// The out-of-line part of js_values.hpp. The JS side of guarded(): a refused call's message becomes
// Module.engineError, a string, which the JS layer (web/src/engine/run.js checkEngineError) reads,
// clears and throws.
#include "js_values.hpp"

#include <emscripten/emscripten.h>

EM_JS(void, algorhythm_report_error, (const char* message), { Module["engineError"] = UTF8ToString(message); });

// read_fields: kinds are FieldKind's values (0 Absent, 1 Number, 2 Other).
EM_JS(void, algorhythm_read_fields,
      (emscripten::EM_VAL handle, const char* keys, int count, unsigned char* kinds, double* numbers), {
  var object = Emval.toValue(handle);
  var isObject = typeof object === 'object' && object !== null;
  var names = UTF8ToString(keys).split(',');
  for (var k = 0; k < count; k++) {
    var value = isObject ? object[names[k]] : undefined;
    var kind = 0;
    var number = NaN;
    if (typeof value === 'number') {
      kind = 1;
      number = value;
    } else if (value !== undefined && value !== null) {
      kind = 2;
      if (Array.isArray(value)) number = value.length;
    }
    HEAPU8[kinds + k] = kind;
    HEAPF64[(numbers >> 3) + k] = number;
  }
});

// numbers_from: the length of an Array or typed array, or -1 for anything else.
EM_JS(int, algorhythm_array_length, (emscripten::EM_VAL handle), {
  var array = Emval.toValue(handle);
  if (!Array.isArray(array) && !ArrayBuffer.isView(array)) return -1;
  return typeof array.length === 'number' ? array.length : 0;
});

// numbers_from: copies `length` numbers into wasm memory at `out` as type 0 float32, 1 float64, 2 uint32.
EM_JS(void, algorhythm_copy_numbers, (emscripten::EM_VAL handle, int type, void* out, int length), {
  var heap = type == 0 ? HEAPF32 : type == 1 ? HEAPF64 : HEAPU32;
  var first = out / heap.BYTES_PER_ELEMENT;
  heap.subarray(first, first + length).set(Emval.toValue(handle));
});

namespace algorhythm::js {

void report_error(const char* message) { algorhythm_report_error(message); }

void refuse_step_size(const std::string& name, const char* step_sizes) {
  throw std::invalid_argument("unknown step size '" + name + "' (" + step_sizes + ")");
}

template <typename T>
std::vector<T> numbers_from(const val& array, const char* what) {
  constexpr int type = std::is_same_v<T, float> ? 0 : std::is_same_v<T, double> ? 1 : 2;
  static_assert(type != 2 || std::is_same_v<T, std::uint32_t>, "numbers_from<float, double or std::uint32_t>");
  const int length = algorhythm_array_length(array.as_handle());
  if (length < 0) throw std::invalid_argument(std::string(what) + " must be an array of numbers");
  std::vector<T> numbers(static_cast<std::size_t>(length));
  if (length > 0) algorhythm_copy_numbers(array.as_handle(), type, numbers.data(), length);
  return numbers;
}
template std::vector<float> numbers_from<float>(const val&, const char*);
template std::vector<double> numbers_from<double>(const val&, const char*);
template std::vector<std::uint32_t> numbers_from<std::uint32_t>(const val&, const char*);

void read_fields(const val& object, const char* keys, int count, FieldKind* kinds, double* numbers) {
  static_assert(sizeof(FieldKind) == 1);
  algorhythm_read_fields(object.as_handle(), keys, count, reinterpret_cast<unsigned char*>(kinds), numbers);
}

}  // namespace algorhythm::js
