# The git commit (if known) goes into meta records; a missing git is not an error.
execute_process(COMMAND git rev-parse --short=12 HEAD
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE BDAL_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
  ERROR_QUIET)
if(NOT BDAL_GIT_COMMIT)
  set(BDAL_GIT_COMMIT "unknown")
endif()
