#include "csv_records.hpp"

#include <stdexcept>

namespace algorhythm {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_line_break(char c) { return c == '\n' || c == '\r'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

// Reads records from a cursor over the text, counting lines as it goes.
class RecordReader {
 public:
  explicit RecordReader(std::string_view text) : text_(text) {}

  bool done() const { return at_ >= text_.size(); }

  // One line's record (more than one line if a quoted field holds line breaks). `blank` is set for a
  // line with nothing but spaces.
  CsvRecord next(bool& blank) {
    CsvRecord record;
    record.line = line_;
    bool quoted_any = false;
    for (;;) {
      skip_blanks();
      if (peek() == '"') {
        quoted_any = true;
        record.fields.push_back(quoted_field());
      } else {
        record.fields.push_back(unquoted_field());
      }
      if (peek() != ',') break;
      ++at_;
    }
    skip_line_break();
    blank = !quoted_any && record.fields.size() == 1 && record.fields.front().empty();
    return record;
  }

 private:
  char peek() const { return at_ < text_.size() ? text_[at_] : '\0'; }

  void skip_blanks() {
    while (at_ < text_.size() && is_blank(text_[at_])) ++at_;
  }

  // \n, \r\n or a lone \r.
  void skip_line_break() {
    if (peek() == '\r') ++at_;
    if (peek() == '\n') ++at_;
    ++line_;
  }

  std::string unquoted_field() {
    const std::size_t start = at_;
    while (at_ < text_.size() && text_[at_] != ',' && !is_line_break(text_[at_])) ++at_;
    return std::string(trimmed(text_.substr(start, at_ - start)));
  }

  std::string quoted_field() {
    const int opening_line = line_;
    ++at_;  // the opening quote
    std::string field;
    for (;;) {
      if (at_ >= text_.size()) {
        throw std::invalid_argument("line " + std::to_string(opening_line) +
                                    ": a quoted field is never closed (unterminated quote)");
      }
      const char c = text_[at_++];
      if (c == '"') {
        if (peek() != '"') break;
        ++at_;  // "" stands for one quote
      } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
        ++line_;
      }
      field += c;
    }
    skip_blanks();
    if (at_ < text_.size() && text_[at_] != ',' && !is_line_break(text_[at_])) {
      throw std::invalid_argument("line " + std::to_string(line_) + ": unexpected text after the closing quote of " +
                                  quoted_excerpt(field) + " (a quote inside a quoted field is written as \"\")");
    }
    return field;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  int line_ = 1;
};

}  // namespace

std::vector<CsvRecord> read_csv_records(std::string_view text) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
  std::vector<CsvRecord> records;
  RecordReader reader(text);
  while (!reader.done()) {
    bool blank = false;
    CsvRecord record = reader.next(blank);
    if (!blank) records.push_back(std::move(record));
  }
  return records;
}

std::string quoted_excerpt(std::string_view value) {
  constexpr std::size_t kLongest = 40;
  if (value.size() <= kLongest) return "'" + std::string(value) + "'";
  std::size_t cut = kLongest;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return "'" + std::string(value.substr(0, cut)) + "...'";
}

std::string csv_field(std::string_view field) {
  // A leading byte order mark would be skipped when it starts the text, so it is quoted too.
  const bool needs_quotes = field.empty() || is_blank(field.front()) || is_blank(field.back()) ||
                            field.find_first_of(",\"\r\n") != std::string_view::npos ||
                            field.substr(0, kByteOrderMark.size()) == kByteOrderMark;
  if (!needs_quotes) return std::string(field);
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace algorhythm
