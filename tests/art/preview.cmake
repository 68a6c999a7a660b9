# Makes the contact sheet and checks that a PNG came out.
#   cmake -DSPRITEC=... -DSOURCE_DIR=assets/sprites -DOUT=file.png -P preview.cmake
# Sorted, as the build sorts them, so frames keep their order.
file(GLOB SOURCES ${SOURCE_DIR}/*.txt)
list(SORT SOURCES)
file(REMOVE ${OUT})
execute_process(COMMAND ${SPRITEC} --preview ${OUT} ${SOURCES} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "spritec --preview failed (${rc})")
endif()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "no preview written at ${OUT}")
endif()
file(READ ${OUT} magic LIMIT 8 HEX)
if(NOT magic STREQUAL "89504e470d0a1a0a")
  message(FATAL_ERROR "${OUT} is not a PNG (starts with ${magic})")
endif()
file(SIZE ${OUT} size)
message(STATUS "preview written: ${size} bytes")
