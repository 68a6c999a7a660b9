# The Tiled kit in levels/tiled/ is made from the kind table: what levelconv
# writes now must be what is committed (else: cmake --build build --target
# tiled-kit).
foreach(pair "--object-types;objecttypes.xml" "--tiled-project;miraclemile.tiled-project")
  list(GET pair 0 opt)
  list(GET pair 1 file)
  execute_process(COMMAND ${CONV} ${opt} ${OUTDIR}/${file} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "levelconv ${opt} failed")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${KIT}/${file} ${OUTDIR}/${file}
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${KIT}/${file} is out of date with the kind table: run "
                        "'cmake --build build --target tiled-kit' (or levelconv ${opt})")
  endif()
  message(STATUS "${file} is current")
endforeach()
