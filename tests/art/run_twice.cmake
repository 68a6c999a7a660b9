# Builds the sprite sheet twice into separate files and requires the two
# builds to be byte-identical (PNG and index), so the sheet in a commit never
# depends on the machine, the time or the run.
#   cmake -DSPRITEC=... -DSOURCE_DIR=assets/sprites -DOUT=dir -P run_twice.cmake
# Sorted, as the build sorts them, so frames keep their order.
file(GLOB SOURCES ${SOURCE_DIR}/*.txt)
list(SORT SOURCES)
file(MAKE_DIRECTORY ${OUT})
foreach(run 1 2)
  execute_process(COMMAND ${SPRITEC} -o ${OUT}/sheet-${run}.png -i ${OUT}/sheet-${run}.idx
                          ${SOURCES}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "spritec run ${run} failed (${rc})")
  endif()
endforeach()
foreach(ext png idx)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/sheet-1.${ext}
                          ${OUT}/sheet-2.${ext}
                  RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    message(FATAL_ERROR "two builds of the sheet differ: sheet-1.${ext} vs sheet-2.${ext} in ${OUT}")
  endif()
endforeach()
message(STATUS "two builds are byte-identical")
