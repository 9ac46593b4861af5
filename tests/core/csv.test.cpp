// A user's CSV: what parse_csv reads, what it rejects (with the line and column), and to_csv's text
// reading back as the same data.
#include "algorhythm/csv.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "algorhythm/datasets.hpp"

using namespace algorhythm;
using Catch::Contains;

namespace {

CsvOptions with_test_fraction(float fraction, std::uint64_t seed = 1) {
  CsvOptions options;
  options.test_fraction = fraction;
  options.seed = seed;
  return options;
}

// rows lines of "i,i*2,label" under the header "a,b,label".
std::string numbered_rows(int rows) {
  std::string csv = "a,b,label\n";
  for (int i = 0; i < rows; ++i) csv += std::to_string(i) + "," + std::to_string(i * 2) + "," + std::to_string(i % 2) + "\n";
  return csv;
}

// Everything a CSV carries (not the name, the domain or the test rows, which it does not store).
void check_same_rows(const Dataset& parsed, const Dataset& original) {
  CHECK(parsed.task == original.task);
  CHECK(parsed.feature_names == original.feature_names);
  CHECK(parsed.class_names == original.class_names);
  CHECK(parsed.row_names == original.row_names);
  CHECK(parsed.features == original.features);
  CHECK(parsed.targets == original.targets);
}

}  // namespace

TEST_CASE("parse_csv reads features, labels and song titles", "[csv]") {
  const Dataset data = parse_csv("song,modern,sad,piano,likes\n"
                                 "Neon Sunrise,1,0,1,1\n"
                                 "Digital Tears,1,1,1,0\n"
                                 "Moonlight Waltz,0,1,1,1\n");
  REQUIRE_NOTHROW(validate(data));
  CHECK(data.task == Task::Binary);
  CHECK(data.feature_names == std::vector<std::string>{"modern", "sad", "piano"});
  CHECK(data.class_names == std::vector<std::string>{"0", "1"});
  CHECK(data.row_names == std::vector<std::string>{"Neon Sunrise", "Digital Tears", "Moonlight Waltz"});
  CHECK(data.features == std::vector<float>{1, 0, 1, 1, 1, 1, 0, 1, 1});
  CHECK(data.targets == std::vector<float>{1, 0, 1});
  CHECK(data.is_test == std::vector<std::uint8_t>{0, 0, 0});
  CHECK_FALSE(data.planar);
  CHECK(data.domain_min == 0.0f);
  CHECK(data.domain_max == 1.0f);
}

TEST_CASE("parse_csv handles quotes, line endings, blank lines, spaces and a byte order mark", "[csv]") {
  const Dataset data = parse_csv("\xEF\xBB\xBF"
                                 "title , \"x, the first\" ,y\r\n"
                                 "\r\n"
                                 "\"Say \"\"hi\"\"\", 1.5 ,0\r\n"
                                 "   \n"
                                 "\"Two\nlines\",-2,1\r\n"
                                 "Plain,.25,1");  // no line break at the end
  CHECK(data.feature_names == std::vector<std::string>{"x, the first"});
  CHECK(data.row_names == std::vector<std::string>{"Say \"hi\"", "Two\nlines", "Plain"});
  CHECK(data.features == std::vector<float>{1.5f, -2.0f, 0.25f});
  CHECK(data.targets == std::vector<float>{0, 1, 1});
  CHECK(data.domain_min == -2.0f);
  CHECK(data.domain_max == 1.5f);
}

TEST_CASE("parse_csv reads plain decimal numbers", "[csv]") {
  const Dataset data = parse_csv("x,label\n1e3,0\n.5,1\n-2.,0\n+3,1\n0.1,0\n-0,1\n1.0000000000000000000001,0\n");
  CHECK(data.features == std::vector<float>{1000.0f, 0.5f, -2.0f, 3.0f, 0.1f, -0.0f, 1.0f});
}

TEST_CASE("parse_csv infers the task from the label column", "[csv][task]") {
  SECTION("only 0 and 1: binary") {
    const Dataset data = parse_csv("x,y\n1,0\n2,1\n3,1\n");
    CHECK(data.task == Task::Binary);
    CHECK(data.class_names == std::vector<std::string>{"0", "1"});
  }
  SECTION("3 to 8 distinct integers: multi-class, numbered in increasing order") {
    const Dataset data = parse_csv("x,grade\n1,30\n2,10\n3,20\n4,10\n");
    CHECK(data.task == Task::MultiClass);
    CHECK(data.class_names == std::vector<std::string>{"10", "20", "30"});
    CHECK(data.targets == std::vector<float>{2, 0, 1, 0});
  }
  SECTION("other numbers: regression") {
    CHECK(parse_csv("x,y\n1,0.5\n2,1\n3,0\n").task == Task::Regression);
    CHECK(parse_csv("x,y\n1,-1\n2,1\n").task == Task::Regression);  // two integers, but not 0 and 1
    const Dataset many = parse_csv("x,y\n1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n7,7\n8,8\n9,9\n");
    CHECK(many.task == Task::Regression);  // 9 distinct integers: too many classes
    CHECK(many.class_names.empty());
  }
  SECTION("two names: binary, in sorted order") {
    const Dataset data = parse_csv("x,likes\n1,yes\n2,no\n3,yes\n");
    CHECK(data.task == Task::Binary);
    CHECK(data.class_names == std::vector<std::string>{"no", "yes"});
    CHECK(data.targets == std::vector<float>{1, 0, 1});
  }
  SECTION("3 to 8 names: multi-class, in sorted order; numbers among names are names too") {
    const Dataset data = parse_csv("x,genre\n1,rock\n2,jazz\n3,pop\n4,2000s\n");
    CHECK(data.task == Task::MultiClass);
    CHECK(data.class_names == std::vector<std::string>{"2000s", "jazz", "pop", "rock"});
    CHECK(data.targets == std::vector<float>{3, 1, 2, 0});
  }
}

TEST_CASE("parse_csv takes the label column it is told to", "[csv]") {
  CsvOptions options;
  options.label_column = "likes";
  const Dataset data = parse_csv("modern,likes,sad\n1,1,0\n0,0,1\n", options);
  CHECK(data.feature_names == std::vector<std::string>{"modern", "sad"});
  CHECK(data.targets == std::vector<float>{1, 0});
  options.label_column = "loves";
  REQUIRE_THROWS_WITH(parse_csv("a,b,c\n1,2,3\n", options), "no column named 'loves'; columns are: a, b, c");
}

TEST_CASE("parse_csv: row names come from a non-numeric name, title or song column", "[csv]") {
  CHECK(parse_csv("Title,x,y\nA,1,0\nB,2,1\n").row_names == std::vector<std::string>{"A", "B"});
  CHECK(parse_csv("x,NAME,y\n1,A,0\n2,B,1\n").row_names == std::vector<std::string>{"A", "B"});
  const Dataset numeric = parse_csv("name,x,y\n1,1,0\n2,2,1\n");  // all numbers: a feature after all
  CHECK(numeric.row_names.empty());
  CHECK(numeric.feature_names == std::vector<std::string>{"name", "x"});
  REQUIRE_THROWS_WITH(parse_csv("genre,x,y\nrock,1,0\n"), "line 2, column 'genre': 'rock' is not a number");
}

TEST_CASE("parse_csv keeps markup in names as plain text", "[csv]") {
  const Dataset data = parse_csv("name,<b>sad</b>,label\n"
                                 "<script>alert(1)</script>,1,<i>likes</i>\n"
                                 "&amp;,0,dislikes\n");
  CHECK(data.feature_names == std::vector<std::string>{"<b>sad</b>"});
  CHECK(data.row_names == std::vector<std::string>{"<script>alert(1)</script>", "&amp;"});
  CHECK(data.class_names == std::vector<std::string>{"<i>likes</i>", "dislikes"});
}

TEST_CASE("parse_csv holds out a seeded choice of test rows", "[csv][test-rows]") {
  const std::string csv = numbered_rows(100);
  const Dataset first = parse_csv(csv, with_test_fraction(0.25f, 3));
  CHECK(first.row_count() - first.training_row_count() == 25);
  CHECK(parse_csv(csv, with_test_fraction(0.25f, 3)).is_test == first.is_test);
  CHECK(parse_csv(csv, with_test_fraction(0.25f, 4)).is_test != first.is_test);
  CHECK(parse_csv(csv, with_test_fraction(0.0f)).training_row_count() == 100);
  // One row and a fraction of 0.9 would leave nothing to train on: the row stays a training row.
  CHECK(parse_csv("x,y\n1,0\n", with_test_fraction(0.9f)).training_row_count() == 1);
}

TEST_CASE("parse_csv rejects text that is not a usable CSV", "[csv][bad-input]") {
  REQUIRE_THROWS_WITH(parse_csv(""), "the CSV is empty");
  REQUIRE_THROWS_WITH(parse_csv("\n  \r\n\n"), "the CSV is empty");
  REQUIRE_THROWS_WITH(parse_csv("a,b\n"), "the CSV has a header but no rows");
  REQUIRE_THROWS_WITH(parse_csv("label\n1\n0\n"),
                      Contains("need at least one feature column and a label column") && Contains("'label'"));
  REQUIRE_THROWS_WITH(parse_csv("name,label\nA,1\nB,0\n"), Contains("need at least one feature column and a label column"));
  REQUIRE_THROWS_WITH(parse_csv("a,,b\n1,2,3\n"), "line 1: column 2 of the header has no name");
  REQUIRE_THROWS_WITH(parse_csv("sad,b,sad\n1,2,3\n"), "line 1: the header names two columns 'sad' (columns 1 and 3)");
  REQUIRE_THROWS_WITH(parse_csv("a,b,c\n1,2,3\n\n1,2\n"), "line 4 has 2 fields, the header has 3");
  REQUIRE_THROWS_WITH(parse_csv("a,b,c\n1,2,3,4\n"), "line 2 has 4 fields, the header has 3");
  REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n\"2,1\n3,0\n"), "line 3: a quoted field is never closed (unterminated quote)");
  REQUIRE_THROWS_WITH(parse_csv("a,b\n\"1\"2,0\n"), Contains("line 2: unexpected text after the closing quote of '1'"));
}

TEST_CASE("parse_csv rejects feature values that are not finite numbers", "[csv][bad-input]") {
  REQUIRE_THROWS_WITH(parse_csv("a,sad,c\n1,2,0\n1,abc,1\n"), "line 3, column 'sad': 'abc' is not a number");
  REQUIRE_THROWS_WITH(parse_csv("a,b\n\"1,5\",0\n"), "line 2, column 'a': '1,5' is not a number");
  REQUIRE_THROWS_WITH(parse_csv("a,b\n0x10,0\n"), "line 2, column 'a': '0x10' is not a number");
  REQUIRE_THROWS_WITH(parse_csv("a,b\nNaN,0\n"), "line 2, column 'a': 'NaN' is not a finite number");
  REQUIRE_THROWS_WITH(parse_csv("a,b\n-Infinity,0\n"), "line 2, column 'a': '-Infinity' is not a finite number");
  REQUIRE_THROWS_WITH(parse_csv("a,b\n1e39,0\n"), "line 2, column 'a': '1e39' is too large (at most about 3.4e38)");
  REQUIRE_THROWS_WITH(parse_csv("a,b\n,0\n"), "line 2, column 'a' is empty: it needs a number");
  const std::string long_value(100, 'z');
  REQUIRE_THROWS_WITH(parse_csv("a,b\n" + long_value + ",0\n"), Contains("'" + std::string(40, 'z') + "...'"));
}

TEST_CASE("parse_csv rejects labels it cannot use", "[csv][bad-input]") {
  REQUIRE_THROWS_WITH(parse_csv("a,likes\n1,1\n2,\n"), "line 3, column 'likes' is empty: every row needs a label");
  REQUIRE_THROWS_WITH(parse_csv("a,likes\n1,1\n2,nan\n"), "line 3, column 'likes': 'nan' is not a finite number");
  REQUIRE_THROWS_WITH(parse_csv("a,likes\n1,yes\n2,yes\n"),
                      "the label column 'likes' holds the single value 'yes': a classification needs 2 to 8 classes");
  REQUIRE_THROWS_WITH(parse_csv("a,c\n1,a\n2,b\n3,c\n4,d\n5,e\n6,f\n7,g\n8,h\n9,i\n"),
                      Contains("the label column 'c' has 9 different values"));
}

TEST_CASE("parse_csv enforces its limits", "[csv][bad-input]") {
  REQUIRE_THROWS_WITH(parse_csv(numbered_rows(10001)), "too many rows: 10001 (at most 10000)");
  CHECK_NOTHROW(parse_csv(numbered_rows(10000)));

  std::string header, row;
  for (int f = 0; f < 17; ++f) {
    header += "f" + std::to_string(f) + ",";
    row += "1,";
  }
  REQUIRE_THROWS_WITH(parse_csv(header + "label\n" + row + "0\n"), "too many feature columns: 17 (at most 16)");
  REQUIRE_THROWS_WITH(parse_csv(header + "g,h,label\n" + row + "1,1,0\n"), Contains("too many columns: 20"));

  REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n", with_test_fraction(0.95f)), "test_fraction must be between 0 and 0.9, got 0.95");
  REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n", with_test_fraction(-0.1f)), "test_fraction must be between 0 and 0.9, got -0.1");
  REQUIRE_THROWS_WITH(parse_csv("a,b\n1,0\n", with_test_fraction(std::nanf(""))), Contains("got NaN"));

  const std::string huge = "a,b\n" + std::string(6 * 1024 * 1024, ' ');
  REQUIRE_THROWS_WITH(parse_csv(huge), "the CSV is too large: 6 MB (at most 5 MB)");
}

TEST_CASE("to_csv writes text that parse_csv reads back as the same data", "[csv][round-trip]") {
  SECTION("four songs: names, titles and class names") {
    const Dataset songs = four_songs();
    const std::string csv = to_csv(songs);
    CHECK(csv.substr(0, csv.find('\n')) == "name,modern,sad,piano,label");
    CHECK(csv.find("Neon Sunrise,1,0,1,likes\n") != std::string::npos);
    check_same_rows(parse_csv(csv), songs);
  }
  SECTION("better songs and the logic gates") {
    check_same_rows(parse_csv(to_csv(better_songs())), better_songs());
    check_same_rows(parse_csv(to_csv(logic_gate(LogicGate::Xor))), logic_gate(LogicGate::Xor));
  }
  SECTION("planar points and regression targets keep every bit") {
    for (PlanarShape shape : {PlanarShape::Spiral, PlanarShape::GaussianBump}) {
      PlanarOptions options;
      options.shape = shape;
      options.noise = 0.3f;
      const Dataset data = planar_dataset(options);
      check_same_rows(parse_csv(to_csv(data)), data);
    }
  }
  SECTION("names that need quotes, markup and a feature called 'label'") {
    Dataset data = four_songs();
    data.feature_names = {"label", "a \"quoted\", name", "<b>piano</b>"};
    data.row_names = {" padded ", "line\nbreak", "", "<script>x</script>"};
    const std::string csv = to_csv(data);
    CHECK(csv.substr(0, csv.find('\n')) == "name,label,\"a \"\"quoted\"\", name\",<b>piano</b>,label 2");
    check_same_rows(parse_csv(csv), data);
  }
  SECTION("features called name, title and song, and a byte order mark starting a name") {
    Dataset data = better_songs();
    data.feature_names = {"name", "title", "song"};
    const std::string csv = to_csv(data);
    CHECK(csv.substr(0, csv.find('\n')) == "Name,name,title,song,label");
    check_same_rows(parse_csv(csv), data);
    data.feature_names[0] = "\xEF\xBB\xBFmodern";
    data.row_names.clear();
    check_same_rows(parse_csv(to_csv(data)), data);
  }
  SECTION("class names that would not read back as the same classes are written as class indices") {
    Dataset data = four_songs();
    data.class_names = {"yes", "no"};  // not in sorted order
    const Dataset parsed = parse_csv(to_csv(data));
    CHECK(parsed.targets == data.targets);
    CHECK(parsed.class_names == std::vector<std::string>{"0", "1"});
  }
}

TEST_CASE("to_csv rejects an invalid data set", "[csv][bad-input]") {
  Dataset data = four_songs();
  data.targets[0] = 7.0f;
  REQUIRE_THROWS_WITH(to_csv(data), Contains("label of row 1 is 7"));
}
