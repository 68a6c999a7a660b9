# Builds a sheet from the street and park sources only (floors, no keys,
# signals or doors) and checks that artcheck reports the missing frames and
# exits 1, for objects and for doors.
#   cmake -DSPRITEC=... -DARTCHECK=... -DSOURCE_DIR=assets/sprites -DOUT=dir -P missing.cmake
file(MAKE_DIRECTORY ${OUT})
set(sources ${SOURCE_DIR}/palettes.txt ${SOURCE_DIR}/tiles_street.txt ${SOURCE_DIR}/tiles_park.txt)
execute_process(COMMAND ${SPRITEC} -o ${OUT}/part.png -i ${OUT}/part.idx ${sources}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "spritec failed (${rc})")
endif()
foreach(table objects doors)
  execute_process(COMMAND ${ARTCHECK} --only ${table} ${OUT}/part.png ${OUT}/part.idx
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "artcheck --only ${table} exited ${rc}, not 1:\n${out}${err}")
  endif()
  if(NOT out MATCHES "missing from the sheet" OR NOT err MATCHES "missing from the sheet")
    message(FATAL_ERROR "artcheck --only ${table} did not report the missing frames:\n${out}${err}")
  endif()
endforeach()
message(STATUS "artcheck reports missing frames")
