# The Emscripten build of the game (included from the root CMakeLists.txt).
