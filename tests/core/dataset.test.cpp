// A data set's counts, and validate() rejecting each kind of bad data with a message that names it.
#include "algorhythm/dataset.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace algorhythm;

namespace {

// Three rows of the features modern, sad, piano; binary labels; the last row held out for testing.
Dataset three_songs() {
  Dataset data;
  data.name = "three songs";
  data.task = Task::Binary;
  data.feature_names = {"modern", "sad", "piano"};
  data.class_names = {"dislikes", "likes"};
  data.features = {1, 0, 1,  0, 1, 1,  1, 1, 0};
  data.targets = {1, 0, 1};
  data.is_test = {0, 0, 1};
  return data;
}

Dataset multi_class() {
  Dataset data = three_songs();
  data.task = Task::MultiClass;
  data.class_names = {"pop", "jazz", "rock"};
  data.targets = {0, 2, 1};
  return data;
}

Dataset regression() {
  Dataset data = three_songs();
  data.task = Task::Regression;
  data.class_names.clear();
  data.targets = {-3.5f, 0.25f, 1e6f};
  return data;
}

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInfinity = std::numeric_limits<float>::infinity();

}  // namespace

TEST_CASE("class_count follows the task", "[dataset]") {
  CHECK(three_songs().class_count() == 2);
  CHECK(multi_class().class_count() == 3);
  CHECK(regression().class_count() == 0);
}

TEST_CASE("training_row_count counts the rows not held out", "[dataset]") {
  Dataset data = three_songs();
  CHECK(data.row_count() == 3);
  CHECK(data.training_row_count() == 2);
  data.is_test = {0, 0, 0};
  CHECK(data.training_row_count() == 3);
}

TEST_CASE("valid data sets pass", "[dataset][validate]") {
  CHECK_NOTHROW(validate(three_songs()));
  CHECK_NOTHROW(validate(multi_class()));
  CHECK_NOTHROW(validate(regression()));
  Dataset named = three_songs();
  named.row_names = {"<b>A</b>", "B", "C"};  // names are plain text, whatever they contain
  CHECK_NOTHROW(validate(named));
}

TEST_CASE("validate rejects bad shapes", "[dataset][validate][bad-input]") {
  Dataset data = three_songs();

  SECTION("no rows") {
    data.features.clear();
    data.targets.clear();
    data.is_test.clear();
    REQUIRE_THROWS_WITH(validate(data), "data set has no rows");
  }
  SECTION("too many rows") {
    const int rows = 12000;
    data.features.assign(rows * 3, 0.0f);
    data.targets.assign(rows, 0.0f);
    data.is_test.assign(rows, 0);
    REQUIRE_THROWS_WITH(validate(data), "too many rows: 12000 (at most 10000)");
  }
  SECTION("a row that is too short") {
    data.features.pop_back();
    REQUIRE_THROWS_WITH(validate(data), "row 3 has 2 values, expected 3 (one per feature)");
    data.features.resize(6);
    REQUIRE_THROWS_WITH(validate(data), "row 3 has 0 values, expected 3 (one per feature)");
  }
  SECTION("more values than rows") {
    data.features.push_back(1.0f);
    REQUIRE_THROWS_WITH(validate(data), Catch::Contains("10 feature values") && Catch::Contains("3 rows of 3"));
  }
  SECTION("no features, or too many") {
    data.feature_names.clear();
    REQUIRE_THROWS_WITH(validate(data), "a data set needs 1 to 16 features, got 0");
    data.feature_names.assign(17, "f");
    REQUIRE_THROWS_WITH(validate(data), "a data set needs 1 to 16 features, got 17");
  }
  SECTION("is_test of the wrong length or with other values than 0 and 1") {
    data.is_test = {0, 0};
    REQUIRE_THROWS_WITH(validate(data), "is_test has 2 entries, expected one per row (3)");
    data.is_test = {0, 2, 0};
    REQUIRE_THROWS_WITH(validate(data), "is_test of row 2 is 2, expected 0 (training) or 1 (test)");
  }
  SECTION("row names: none or one per row") {
    data.row_names = {"A", "B"};
    REQUIRE_THROWS_WITH(validate(data), "there are 2 row names, expected none or one per row (3)");
  }
  SECTION("planar data has exactly the two features x and y") {
    data.planar = true;
    REQUIRE_THROWS_WITH(validate(data), "a planar data set has exactly 2 features (x and y), got 3");
  }
  SECTION("the domain must be a finite range") {
    data.domain_min = 1.0f;
    data.domain_max = 0.0f;
    REQUIRE_THROWS_WITH(validate(data), Catch::Contains("the domain [1, 0]"));
    data.domain_min = -kInfinity;
    REQUIRE_THROWS_WITH(validate(data), Catch::Contains("the domain [-infinity, 0]"));
  }
  SECTION("every row in the test set") {
    data.is_test = {1, 1, 1};
    REQUIRE_THROWS_WITH(validate(data), "no training rows: every row is in the test set");
  }
}

TEST_CASE("validate rejects NaN and infinite features, naming the feature and the row", "[dataset][validate][bad-input]") {
  Dataset data = three_songs();
  data.features[2 * 3 + 1] = kNaN;
  REQUIRE_THROWS_WITH(validate(data), "feature 'sad' of row 3 is NaN");
  data.features[2 * 3 + 1] = 0.0f;
  data.features[0] = -kInfinity;
  REQUIRE_THROWS_WITH(validate(data), "feature 'modern' of row 1 is infinite");
}

TEST_CASE("validate rejects labels that do not fit the task", "[dataset][validate][bad-input]") {
  SECTION("binary: only 0 or 1") {
    Dataset data = three_songs();
    data.targets[1] = 2.0f;
    REQUIRE_THROWS_WITH(validate(data), "label of row 2 is 2, but a binary task allows only 0 or 1");
    data.targets[1] = 0.5f;
    REQUIRE_THROWS_WITH(validate(data), "label of row 2 is 0.5, but a binary task allows only 0 or 1");
    data.targets[1] = kNaN;
    REQUIRE_THROWS_WITH(validate(data), "label of row 2 is NaN, but a binary task allows only 0 or 1");
  }
  SECTION("binary: two class names or none") {
    Dataset data = three_songs();
    data.class_names = {"a", "b", "c"};
    REQUIRE_THROWS_WITH(validate(data), "a binary task has 2 class names (negative, positive), got 3");
    data.class_names.clear();
    CHECK_NOTHROW(validate(data));
  }
  SECTION("multi-class: integers 0 .. K-1") {
    Dataset data = multi_class();
    data.targets[0] = 3.0f;
    REQUIRE_THROWS_WITH(validate(data),
                        "label of row 1 is 3, but a multi-class task with 3 classes allows only the integers 0 to 2");
    data.targets[0] = 1.5f;
    REQUIRE_THROWS_WITH(validate(data), Catch::Contains("label of row 1 is 1.5"));
    data.targets[0] = -1.0f;
    REQUIRE_THROWS_WITH(validate(data), Catch::Contains("label of row 1 is -1"));
  }
  SECTION("multi-class: 3 to 8 classes") {
    Dataset data = multi_class();
    data.class_names = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
    REQUIRE_THROWS_WITH(validate(data), "a multi-class task needs 3 to 8 classes, got 9");
    data.class_names = {"a", "b"};
    REQUIRE_THROWS_WITH(validate(data), "a multi-class task needs 3 to 8 classes, got 2");
  }
  SECTION("regression: finite labels, no class names") {
    Dataset data = regression();
    data.targets[2] = kInfinity;
    REQUIRE_THROWS_WITH(validate(data), "label of row 3 is infinity, but a regression task needs a finite number");
    data.targets[2] = 0.0f;
    data.class_names = {"a", "b"};
    REQUIRE_THROWS_WITH(validate(data), "a regression task has no class names, got 2");
  }
}
