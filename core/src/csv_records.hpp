// Splitting CSV text into records of fields, and quoting a field for writing (internal to core/src).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace algorhythm {

struct CsvRecord {
  int line = 0;                     // 1-based line where the record starts
  std::vector<std::string> fields;  // unquoted; unquoted fields are trimmed of spaces and tabs
};

// RFC 4180 with leniencies: a leading UTF-8 byte order mark is skipped; lines end in \n, \r\n or \r;
// blank lines are skipped; spaces around fields are ignored. A quoted field may hold commas, line
// breaks and doubled quotes (""). Throws std::invalid_argument naming the line of a quote that is
// never closed or of text after a closing quote.
std::vector<CsvRecord> read_csv_records(std::string_view text);

// `value` in single quotes for an error message, cut short (with "...") beyond 40 characters.
std::string quoted_excerpt(std::string_view value);

// `field` as a CSV field: quoted (with doubled quotes) when it is empty or holds a comma, a quote, a
// line break, surrounding spaces or a leading byte order mark; unchanged otherwise.
std::string csv_field(std::string_view field);

}  // namespace algorhythm
