// finsim serve's pieces without a socket: the Host rule, the folder's path rules and variant
// names, `extends` lines, result arrays as JSON. tests/check_serve_api.py asks the running server.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "serve/http_error.h"
#include "serve/result_json.h"
#include "serve/scenario_folder.h"
#include "serve/server.h"
#include "serve/static_files.h"
#include "test_support.h"

using namespace finsim;
using namespace finsim::serve;
using finsim::testing::TempDir;

namespace {

int status_of(const std::function<void()>& f)
{
  try {
    f();
  } catch (const HttpError& e) {
    EXPECT_FALSE(std::string(e.what()).empty());
    EXPECT_EQ(e.body()["error"], e.what());
    return e.status();
  }
  return 200;
}

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST(Serve, HostHeaderMustNameLoopback)
{
  for (const char* ok :
       {"localhost", "localhost:8080", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:8080", "LOCALHOST:80"})
    EXPECT_TRUE(is_loopback_host_header(ok)) << ok;
  for (const char* bad : {"", "evil.example", "localhost.evil.example", "127.0.0.1.evil.example", "127.0.0.1:80x",
                          "localhost:", "[::1]x", "10.0.0.1:8080", "127.0.0.2", "localhost:123456"})
    EXPECT_FALSE(is_loopback_host_header(bad)) << bad;
  EXPECT_TRUE(is_loopback("127.0.0.1"));
  EXPECT_TRUE(is_loopback("::1"));
  EXPECT_FALSE(is_loopback("0.0.0.0"));
  EXPECT_FALSE(is_loopback("192.168.1.10"));
}

TEST(Serve, PathsStayInsideTheFolder)
{
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "f" / "variants");
  write(dir.file("f/a.toml"), "x = 1\n");
  write(dir.file("ute.toml"), "x = 1\n");
  std::filesystem::create_symlink(dir.file("ute.toml"), dir.file("f/lank.toml"));
  std::filesystem::create_symlink(dir.file("f/a.toml"), dir.file("f/inne.toml"));
  const ScenarioFolder folder(dir.file("f"));
  EXPECT_EQ(folder.resolve("a.toml"), std::filesystem::canonical(dir.file("f/a.toml")).string());
  EXPECT_EQ(status_of([&] { folder.resolve("inne.toml"); }), 200);
  EXPECT_EQ(status_of([&] { folder.resolve("../ute.toml"); }), 400);
  EXPECT_EQ(status_of([&] { folder.resolve("variants/../a.toml"); }), 400);
  EXPECT_EQ(status_of([&] { folder.resolve(dir.file("f/a.toml")); }), 400);
  EXPECT_EQ(status_of([&] { folder.resolve(""); }), 400);
  EXPECT_EQ(status_of([&] { folder.resolve("lank.toml"); }), 403);
  EXPECT_EQ(status_of([&] { folder.resolve("saknas.toml"); }), 404);
  EXPECT_EQ(status_of([&] { folder.resolve("variants"); }), 403);  // not a regular file
  const std::vector<std::string> files = folder.scenario_files();
  EXPECT_EQ(files, (std::vector<std::string>{"a.toml", "inne.toml"}));

  write(dir.file("f/ut.toml"), "extends = \"../ute.toml\"\n[forbund]\n");
  EXPECT_EQ(status_of([&] { folder.check_extends(folder.resolve("ut.toml")); }), 403);
  write(dir.file("f/variants/v.toml"), "# variant\nextends = '../a.toml' # bas\n[forbund]\n");
  EXPECT_EQ(status_of([&] { folder.check_extends(folder.resolve("variants/v.toml")); }), 200);
}

TEST(Serve, VariantNamesAndReplacing)
{
  TempDir dir;
  const ScenarioFolder folder(dir.path().string());
  for (const char* ok : {"samcoach-längre", "Åre_2025", "x"})
    EXPECT_EQ(status_of([&] { folder.variant_path(ok); }), 200) << ok;
  for (const char* bad : {"", "../x", "a b", "a/b", "a.toml", ".dold", "x\xff"})
    EXPECT_EQ(status_of([&] { folder.variant_path(bad); }), 400) << bad;
  EXPECT_EQ(folder.write_variant("ny", "a = 1\n", false), "variants/ny.toml");
  EXPECT_EQ(status_of([&] { folder.write_variant("ny", "a = 2\n", false); }), 409);
  std::ifstream in(dir.file("variants/ny.toml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "a = 1\n");
  EXPECT_EQ(folder.write_variant("ny", "a = 2\n", true), "variants/ny.toml");
}

TEST(Serve, ExtendsLines)
{
  EXPECT_EQ(extends_of("# c\nextends = \"../a.toml\"\n[forbund]\n"), "../a.toml");
  EXPECT_EQ(extends_of("extends='b.toml'\n"), "b.toml");
  EXPECT_EQ(extends_of("[forbund]\nextends = \"a.toml\"\n"), "");  // inside a table: not the top's
  EXPECT_EQ(extends_of("name = 1\n"), "");
  EXPECT_EQ(with_extends("# c\nextends = \"a.toml\"\nx = 1\n", "/abs/a.toml"),
            "# c\nextends = \"/abs/a.toml\"\nx = 1\n");
  EXPECT_EQ(without_extends("extends = \"a.toml\"\nx = 1\n"), "x = 1\n");
  // Every way toml++ reads the key counts; one the line rewriting cannot place is refused.
  EXPECT_EQ(extends_of("\"extends\" = \"a.toml\"\n"), "a.toml");
  EXPECT_EQ(extends_of("extends = \"\"\"../../x.toml\"\"\"\n"), "../../x.toml");
  EXPECT_EQ(status_of([] { with_extends("extends = \"\"\"../x.toml\"\"\"\n", "/a.toml"); }), 400);
  EXPECT_EQ(extends_of("extends = \n"), "");  // the reader refuses it before following anything
}

TEST(Serve, ArraysNestInDimensionOrderWithNull)
{
  h5::DatasetValues d;
  d.values = {1, 2, 3, std::nan(""), 5, 6};
  d.shape = {2, 3};
  EXPECT_EQ(dataset_json(d).dump(), "[[1.0,2.0,3.0],[null,5.0,6.0]]");
  h5::DatasetValues t;
  t.is_text = true;
  t.texts = {"a", "ö"};
  t.shape = {2};
  EXPECT_EQ(dataset_json(t).dump(), "[\"a\",\"ö\"]");
}

TEST(Serve, WebFilesAreEmbedded)
{
  ASSERT_TRUE(static_file("index.html").has_value());
  EXPECT_NE(static_file("index.html")->find("<html"), std::string_view::npos);
  EXPECT_FALSE(static_file("../CMakeLists.txt").has_value());
  EXPECT_EQ(content_type("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type("js/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type("style.css"), "text/css; charset=utf-8");
}
