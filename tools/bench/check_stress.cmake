# Writes the stress level again with stressgen and compares it with the
# committed one: a change to stressgen.c must come with the remade file
# (cmake --build build --target bench-stress).
execute_process(COMMAND ${GEN} ${OUT} RESULT_VARIABLE code ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "stressgen failed (${code}):\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${WANT} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  message(FATAL_ERROR "${WANT} is not what stressgen writes now; remake it with "
                      "cmake --build build --target bench-stress")
endif()
