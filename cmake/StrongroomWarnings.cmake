# Per-target compile settings shared by every Strongroom target (no global flags).
add_library(strongroom_flags INTERFACE)
target_compile_options(strongroom_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Woverloaded-virtual -Wformat=2)
target_compile_definitions(strongroom_flags INTERFACE
  QT_NO_FOREACH)
if(STRONGROOM_WERROR)
  target_compile_options(strongroom_flags INTERFACE -Werror)
endif()
if(STRONGROOM_SANITIZE)
  target_compile_options(strongroom_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(strongroom_flags INTERFACE -fsanitize=address,undefined)
endif()
# Release builds are hardened. Qt is built with reduced relocations, so our code must be -fPIC
# (with -fPIE, signal/slot pointer comparisons across Qt's libraries break and the app crashes at
# start); the executables are still linked as PIE.
if(CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo)$")
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  target_compile_options(strongroom_flags INTERFACE -fstack-protector-strong -fPIC)
  target_compile_definitions(strongroom_flags INTERFACE _FORTIFY_SOURCE=2 STRONGROOM_HARDENED=1)
  target_link_options(strongroom_flags INTERFACE -pie -Wl,-z,relro,-z,now)
endif()
