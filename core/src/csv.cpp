// A user's CSV text as a data set, and a data set as CSV text (see csv.hpp).
#include "algorhythm/csv.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "algorhythm/random.hpp"
#include "csv_records.hpp"
#include "number_text.hpp"
#include "test_rows.hpp"

namespace algorhythm {
namespace {

constexpr std::size_t kMaxCsvBytes = 5 * 1024 * 1024;
constexpr float kMaxTestFraction = 0.9f;
// A column with one of these names (in any case) whose values are not all numbers holds row names.
constexpr const char* kRowNameColumns[] = {"name", "title", "song"};
constexpr const char* kLabelColumn = "label";  // what to_csv calls the label column

[[noreturn]] void fail(const std::string& message) { throw std::invalid_argument(message); }

std::string lower_case(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool is_row_name_column(std::string_view name) {
  const std::string lower = lower_case(name);
  return std::any_of(std::begin(kRowNameColumns), std::end(kRowNameColumns),
                     [&lower](const char* candidate) { return lower == candidate; });
}

// "nan", "-inf", "Infinity", ...: numbers, but not ones a data set may hold.
bool is_non_finite_word(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  const std::string word = lower_case(text);
  return word == "nan" || word == "inf" || word == "infinity";
}

bool looks_numeric(std::string_view text) { return parse_decimal(text).has_value() || is_non_finite_word(text); }

std::string join(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ", ") + name;
  return joined;
}

// Where a cell is, for messages: "line 3, column 'sad'".
std::string cell_place(const CsvRecord& record, const std::string& column_name) {
  return "line " + std::to_string(record.line) + ", column " + quoted_excerpt(column_name);
}

// The cell's finite float value, or an exception saying what is wrong with it.
float read_number(const CsvRecord& record, std::size_t column, const std::string& column_name) {
  const std::string& text = record.fields[column];
  const std::optional<double> value = parse_decimal(text);
  const float rounded = value ? static_cast<float>(*value) : 0.0f;
  if (value && !std::isinf(rounded)) return rounded;

  const std::string place = cell_place(record, column_name);
  if (text.empty()) fail(place + " is empty: it needs a number");
  if (is_non_finite_word(text)) fail(place + ": " + quoted_excerpt(text) + " is not a finite number");
  if (!value) fail(place + ": " + quoted_excerpt(text) + " is not a number");
  fail(place + ": " + quoted_excerpt(text) + " is too large (at most about 3.4e38)");
}

void validate_header(const CsvRecord& header) {
  const std::vector<std::string>& names = header.fields;
  const std::size_t most_columns = kMaxRawFeatures + 2;  // the features, the label and the row names
  if (names.size() < 2) {
    fail("need at least one feature column and a label column, but the header has one column, " +
         quoted_excerpt(names.front()));
  }
  if (names.size() > most_columns) {
    fail("too many columns: " + std::to_string(names.size()) + " (at most " + std::to_string(kMaxRawFeatures) +
         " feature columns, a label column and a name column)");
  }
  std::map<std::string, std::size_t> first_column_of;
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (names[c].empty()) fail("line " + std::to_string(header.line) + ": column " + std::to_string(c + 1) + " of the header has no name");
    const auto [earlier, inserted] = first_column_of.emplace(names[c], c);
    if (!inserted) {
      fail("line " + std::to_string(header.line) + ": the header names two columns " + quoted_excerpt(names[c]) +
           " (columns " + std::to_string(earlier->second + 1) + " and " + std::to_string(c + 1) + ")");
    }
  }
}

struct Columns {
  std::size_t label = 0;
  std::optional<std::size_t> row_names;
  std::vector<std::size_t> features;
};

Columns assign_columns(const std::vector<CsvRecord>& records, const std::string& label_column) {
  const std::vector<std::string>& names = records.front().fields;
  Columns columns;
  if (label_column.empty()) {
    columns.label = names.size() - 1;
  } else {
    const auto found = std::find(names.begin(), names.end(), label_column);
    if (found == names.end()) fail("no column named " + quoted_excerpt(label_column) + "; columns are: " + join(names));
    columns.label = static_cast<std::size_t>(found - names.begin());
  }
  const auto holds_text = [&records](std::size_t c) {
    return std::any_of(records.begin() + 1, records.end(),
                       [c](const CsvRecord& record) { return !looks_numeric(record.fields[c]); });
  };
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (c == columns.label) continue;
    if (!columns.row_names && is_row_name_column(names[c]) && holds_text(c)) {
      columns.row_names = c;
    } else {
      columns.features.push_back(c);
    }
  }
  if (columns.features.empty()) {
    fail("need at least one feature column and a label column, but besides the label " +
         quoted_excerpt(names[columns.label]) + " there are only row names");
  }
  if (columns.features.size() > static_cast<std::size_t>(kMaxRawFeatures)) {
    fail("too many feature columns: " + std::to_string(columns.features.size()) + " (at most " +
         std::to_string(kMaxRawFeatures) + ")");
  }
  return columns;
}

struct Labels {
  Task task = Task::Binary;
  std::vector<std::string> class_names;
  std::vector<float> targets;
};

// Numbers: only 0 and 1 -> Binary; 3 to 8 distinct integers -> MultiClass, numbered in increasing
// order; anything else -> Regression.
Labels numeric_labels(const std::vector<CsvRecord>& records, std::size_t column, const std::string& name) {
  Labels labels;
  for (std::size_t r = 1; r < records.size(); ++r) labels.targets.push_back(read_number(records[r], column, name));
  const std::set<float> distinct(labels.targets.begin(), labels.targets.end());
  const bool binary = std::all_of(distinct.begin(), distinct.end(), [](float v) { return v == 0.0f || v == 1.0f; });
  const bool integers = std::all_of(distinct.begin(), distinct.end(), [](float v) { return v == std::floor(v); });
  const int count = static_cast<int>(distinct.size());
  if (binary) {
    labels.task = Task::Binary;
    labels.class_names = {"0", "1"};
  } else if (integers && count >= kMinClasses && count <= kMaxClasses) {
    labels.task = Task::MultiClass;
    for (float value : distinct) labels.class_names.push_back(exact_float_text(value));
    for (float& target : labels.targets) {
      target = static_cast<float>(std::distance(distinct.begin(), distinct.find(target)));
    }
  } else {
    labels.task = Task::Regression;
  }
  return labels;
}

// Names: 2 distinct -> Binary, 3 to 8 -> MultiClass; classes numbered in sorted (byte) order, so
// "dislikes"/"likes" and "no"/"yes" get 0/1.
Labels text_labels(const std::vector<CsvRecord>& records, std::size_t column, const std::string& name) {
  std::set<std::string> distinct;
  for (std::size_t r = 1; r < records.size(); ++r) distinct.insert(records[r].fields[column]);
  const std::string column_text = "the label column " + quoted_excerpt(name);
  if (distinct.size() < 2) {
    fail(column_text + " holds the single value " + quoted_excerpt(*distinct.begin()) +
         ": a classification needs 2 to " + std::to_string(kMaxClasses) + " classes");
  }
  if (distinct.size() > static_cast<std::size_t>(kMaxClasses)) {
    fail(column_text + " has " + std::to_string(distinct.size()) + " different values, but a classification has 2 to " +
         std::to_string(kMaxClasses) + " classes (numbers would make it a regression)");
  }
  Labels labels;
  labels.task = distinct.size() == 2 ? Task::Binary : Task::MultiClass;
  labels.class_names.assign(distinct.begin(), distinct.end());
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto position = std::lower_bound(labels.class_names.begin(), labels.class_names.end(), records[r].fields[column]);
    labels.targets.push_back(static_cast<float>(position - labels.class_names.begin()));
  }
  return labels;
}

Labels read_labels(const std::vector<CsvRecord>& records, std::size_t column) {
  const std::string& name = records.front().fields[column];
  bool all_numeric = true;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const std::string& text = records[r].fields[column];
    if (text.empty()) fail(cell_place(records[r], name) + " is empty: every row needs a label");
    all_numeric = all_numeric && looks_numeric(text);
  }
  return all_numeric ? numeric_labels(records, column, name) : text_labels(records, column, name);
}

// ---- writing ----

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A header for the row names that parse_csv recognises and no feature has: "name", or "title" or
// "song", or one of their spellings in other cases ("Name", "nAme", ...). There are 64 of these and at
// most 16 features, so one is always free.
std::string row_name_column(const std::vector<std::string>& feature_names) {
  for (const char* word : kRowNameColumns) {
    const std::string lower = word;
    for (std::uint32_t upper_letters = 0; upper_letters < (1u << lower.size()); ++upper_letters) {
      std::string name = lower;
      for (std::size_t i = 0; i < name.size(); ++i) {
        if ((upper_letters >> i) & 1u) name[i] = static_cast<char>(name[i] - 'a' + 'A');
      }
      if (!contains(feature_names, name)) return name;
    }
  }
  return "";  // unreachable while features are limited to kMaxRawFeatures
}

// `wanted`, or `wanted` followed by " 2", " 3", ... if that name is taken.
std::string unused_name(const std::string& wanted, const std::vector<std::string>& taken) {
  std::string name = wanted;
  for (int suffix = 2; contains(taken, name); ++suffix) name = wanted + " " + std::to_string(suffix);
  return name;
}

// Class names are written as labels only if parse_csv would read them back as the same classes:
// not numbers, and already in sorted order. Otherwise the class indices are written.
bool class_names_survive_parsing(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty() || looks_numeric(names[i])) return false;
    if (i > 0 && !(names[i - 1] < names[i])) return false;
  }
  return !names.empty();
}

void append_record(std::string& csv, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) csv += ',';
    csv += csv_field(fields[i]);
  }
  csv += '\n';
}

}  // namespace

Dataset parse_csv(std::string_view text, const CsvOptions& options) {
  if (text.size() > kMaxCsvBytes) {
    fail("the CSV is too large: " + number_text(text.size() / 1048576.0) + " MB (at most " +
         std::to_string(kMaxCsvBytes / 1048576) + " MB)");
  }
  if (!(options.test_fraction >= 0.0f && options.test_fraction <= kMaxTestFraction)) {
    fail("test_fraction must be between 0 and 0.9, got " + number_text(options.test_fraction));
  }
  const std::vector<CsvRecord> records = read_csv_records(text);
  if (records.empty()) fail("the CSV is empty");
  const CsvRecord& header = records.front();
  validate_header(header);
  if (records.size() == 1) fail("the CSV has a header but no rows");
  const std::size_t rows = records.size() - 1;
  if (rows > static_cast<std::size_t>(kMaxRows)) {
    fail("too many rows: " + std::to_string(rows) + " (at most " + std::to_string(kMaxRows) + ")");
  }
  for (const CsvRecord& record : records) {
    if (record.fields.size() != header.fields.size()) {
      fail("line " + std::to_string(record.line) + " has " + std::to_string(record.fields.size()) +
           " fields, the header has " + std::to_string(header.fields.size()));
    }
  }

  const Columns columns = assign_columns(records, options.label_column);
  Dataset data;
  data.name = "CSV data";
  for (std::size_t c : columns.features) data.feature_names.push_back(header.fields[c]);
  for (std::size_t r = 1; r < records.size(); ++r) {
    for (std::size_t c : columns.features) data.features.push_back(read_number(records[r], c, header.fields[c]));
    if (columns.row_names) data.row_names.push_back(records[r].fields[*columns.row_names]);
  }
  Labels labels = read_labels(records, columns.label);
  data.task = labels.task;
  data.class_names = std::move(labels.class_names);
  data.targets = std::move(labels.targets);

  // Views draw every raw feature over the same range: the data's, or a unit around a constant.
  const auto [lowest, highest] = std::minmax_element(data.features.begin(), data.features.end());
  data.domain_min = *lowest < *highest ? *lowest : *lowest - 1.0f;
  data.domain_max = *lowest < *highest ? *highest : *highest + 1.0f;

  Random random(options.seed);
  data.is_test = choose_test_rows(static_cast<int>(rows), options.test_fraction, random);
  validate(data);
  return data;
}

// Row names (if any) go in a column named "name" (or another name parse_csv recognises, if a feature
// is called "name") and the label in one named "label". Test rows are not marked: parsing the text
// gives training rows.
std::string to_csv(const Dataset& data) {
  validate(data);
  std::vector<std::string> header;
  const bool with_row_names = !data.row_names.empty();
  if (with_row_names) header.push_back(row_name_column(data.feature_names));
  header.insert(header.end(), data.feature_names.begin(), data.feature_names.end());
  header.push_back(unused_name(kLabelColumn, header));

  const bool labels_as_names = data.task != Task::Regression && class_names_survive_parsing(data.class_names);
  std::string csv;
  append_record(csv, header);
  std::vector<std::string> fields;
  for (int r = 0; r < data.row_count(); ++r) {
    fields.clear();
    if (with_row_names) fields.push_back(data.row_names[r]);
    for (int f = 0; f < data.feature_count(); ++f) fields.push_back(exact_float_text(data.row(r)[f]));
    const float target = data.targets[r];
    fields.push_back(labels_as_names ? data.class_names[static_cast<std::size_t>(target)] : exact_float_text(target));
    append_record(csv, fields);
  }
  return csv;
}

}  // namespace algorhythm
