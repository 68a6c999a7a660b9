# Runs a headless replay twice: checks the exit code, the expected text, and
# that both runs print the same line.
foreach(run 1 2)
  execute_process(COMMAND ${GAME} --headless --replay ${REPLAY} ${LEVEL}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(out_${run} "${out}")
endforeach()
message(STATUS "exit ${code}\n${out}${err}")
if(NOT code EQUAL EXPECT_CODE)
  message(FATAL_ERROR "expected exit code ${EXPECT_CODE}, got ${code}")
endif()
string(FIND "${out}${err}" "${EXPECT}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "expected '${EXPECT}' in the output")
endif()
if(NOT out_1 STREQUAL out_2)
  message(FATAL_ERROR "two runs differ:\n${out_1}\n${out_2}")
endif()
