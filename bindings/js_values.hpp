// Reading and writing JavaScript values safely, shared by the bindings of both engines: field readers
// that name the field when a value has the wrong type, bulk typed-array copies, and `guarded`, which
// turns a C++ exception into an error value for the JS layer so that bad input never aborts the module.
#pragma once

#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace algorhythm::js {

using emscripten::val;

// Leaves `message` as the module's pending error, Module.engineError (see js_values.cpp).
void report_error(const char* message);

// Runs `function`; a C++ exception becomes the module's pending error, carrying its message, and the
// call returns a default value (undefined, false, 0, ""). The JS layer (web/src/engine/run.js,
// melody-run.js) reads the pending error after each call and throws it as an Error. Nothing is thrown
// across embind: a JS throw out of WebAssembly skips the destructors of embind's own argument
// conversions, which kept one emval handle per object argument (and a string argument's copies) of
// every refused call.
template <typename Result>
Result refused_value() {
  if constexpr (std::is_same_v<Result, val>) {
    return val::undefined();
  } else {
    return Result{};
  }
}
template <typename Function>
auto guarded(Function&& function) -> decltype(function()) {
  try {
    return function();
  } catch (const std::bad_alloc&) {
    report_error("out of memory: the browser refused the engine more memory; reload the page, or use less data or a smaller network");
  } catch (const std::exception& error) {
    report_error(error.what());
  } catch (...) {
    report_error("unexpected engine failure");
  }
  if constexpr (!std::is_void_v<decltype(function())>) return refused_value<decltype(function())>();
}

inline std::string type_of(const val& value) { return value.typeOf().as<std::string>(); }

inline bool has(const val& object, const char* key) {
  return type_of(object) == "object" && !object.isNull() && !object[key].isUndefined() && !object[key].isNull();
}

inline double number_field(const val& object, const char* key, double fallback, const char* where) {
  if (!has(object, key)) return fallback;
  const val value = object[key];
  if (type_of(value) != "number") {
    throw std::invalid_argument(std::string(where) + "." + key + " must be a number, got a " + type_of(value));
  }
  return value.as<double>();
}

inline std::string string_field(const val& object, const char* key, const std::string& fallback, const char* where) {
  if (!has(object, key)) return fallback;
  const val value = object[key];
  if (type_of(value) != "string") {
    throw std::invalid_argument(std::string(where) + "." + key + " must be a string, got a " + type_of(value));
  }
  return value.as<std::string>();
}

inline bool bool_field(const val& object, const char* key, bool fallback) {
  return has(object, key) ? object[key].as<bool>() : fallback;
}

// Whole numbers only: 2.5 neurons or a batch of NaN is an error, not a rounding.
inline int whole_field_value(double value, const char* key, const char* where) {
  if (!(value == static_cast<double>(static_cast<long long>(value))) || value < -1e9 || value > 1e9) {
    throw std::invalid_argument(std::string(where) + "." + key + " must be a whole number, got " + std::to_string(value));
  }
  return static_cast<int>(value);
}
inline int int_field(const val& object, const char* key, int fallback, const char* where) {
  return whole_field_value(number_field(object, key, fallback, where), key, where);
}

// What read_fields found in a field: Absent when has() would say false (undefined, null, or the
// object is not an object), Number, or Other (a string, an array...).
enum class FieldKind : unsigned char { Absent, Number, Other };

// Reads the fields named in `keys` (comma-separated) of `object` in one call into JavaScript, where
// the readers above cross into it several times a field (about a microsecond a field in Node):
// kinds[k] is what field k holds, numbers[k] its value when a Number, its length when an Array, else
// NaN. For objects read every frame (the grid's spec); a caller hands whatever is not a plain number
// to the readers above, which name what is wrong.
void read_fields(const val& object, const char* keys, int count, FieldKind* kinds, double* numbers);

// An Array or typed array of numbers copied in bulk, converted as TypedArray.prototype.set converts
// them, in two calls into JavaScript (embind's convertJSArrayToNumberVector and the array check take
// about eight). Throws "<what> must be an array of numbers" for anything else. T: float, double or
// std::uint32_t.
template <typename T>
std::vector<T> numbers_from(const val& array, const char* what);

inline std::uint64_t seed_field(const val& object, const char* key, std::uint64_t fallback, const char* where) {
  if (!has(object, key)) return fallback;
  const double seed = number_field(object, key, 0, where);
  if (!(seed >= 0 && seed <= 4294967295.0) || seed != static_cast<double>(static_cast<std::uint64_t>(seed))) {
    throw std::invalid_argument(std::string(where) + "." + key + " must be a whole number from 0 to 4294967295");
  }
  return static_cast<std::uint64_t>(seed);
}

// A count of steps or a tick: a whole number from 0.
inline long whole_count(double value, const char* what) {
  if (!(value >= 0 && value <= 1e12) || value != static_cast<double>(static_cast<long>(value))) {
    throw std::invalid_argument(std::string(what) + " must be a whole number from 0, got " + std::to_string(value));
  }
  return static_cast<long>(value);
}

// Refuses a step size (granularity) a trainer does not take: throws "unknown step size '<name>'
// (<step_sizes>)". Out of line (js_values.cpp): building the message where the handles inline
// granularity_from (trainer_handle.hpp) costs each handle 250 bytes of engine.wasm.
[[noreturn]] void refuse_step_size(const std::string& name, const char* step_sizes);

// An index into the parameter buffer: NaN or 2.5 is an error, not parameter 0 or 2.
inline int parameter_index(double index) {
  if (!(index >= 0 && index <= 2147483647.0) || index != static_cast<double>(static_cast<int>(index))) {
    throw std::invalid_argument("parameter index must be a whole number from 0, got " + std::to_string(index));
  }
  return static_cast<int>(index);
}

// new Float32Array(view) copies the view's bytes out of wasm memory in one operation: the result
// stays valid when wasm memory grows.
template <typename T>
val typed_copy(const char* constructor, const T* data, std::size_t size) {
  return val::global(constructor).new_(val(emscripten::typed_memory_view(size, data)));
}

}  // namespace algorhythm::js
