# SPDX-License-Identifier: EUPL-1.2
# Cross-building jurymn.exe for 64-bit Windows with Debian's mingw-w64
# (g++-mingw-w64-x86-64-posix, gcc 12: the posix thread model, which
# std::thread and std::mutex need).
# JURYMN_WIN_PREFIX: the folder packaging/windows/build.sh built the
# dependencies into (static libraries, headers, pkg-config and CMake files).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(jurymn_triple x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${jurymn_triple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${jurymn_triple}-g++-posix)
set(CMAKE_RC_COMPILER ${jurymn_triple}-windres)
set(CMAKE_AR ${jurymn_triple}-gcc-ar-posix CACHE FILEPATH "")
set(CMAKE_RANLIB ${jurymn_triple}-gcc-ranlib-posix CACHE FILEPATH "")

if(NOT JURYMN_WIN_PREFIX AND DEFINED ENV{JURYMN_WIN_PREFIX})
  set(JURYMN_WIN_PREFIX "$ENV{JURYMN_WIN_PREFIX}")
endif()
if(NOT JURYMN_WIN_PREFIX)
  message(FATAL_ERROR "JURYMN_WIN_PREFIX: where packaging/windows/build.sh put the Windows dependencies")
endif()
# try_compile projects read this file again: hand them the prefix.
set(ENV{JURYMN_WIN_PREFIX} "${JURYMN_WIN_PREFIX}")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES JURYMN_WIN_PREFIX)

# Look for libraries, headers and packages in the Windows prefix only,
# for programs on the build machine.
set(CMAKE_FIND_ROOT_PATH /usr/${jurymn_triple} "${JURYMN_WIN_PREFIX}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(ENV{PKG_CONFIG_LIBDIR} "${JURYMN_WIN_PREFIX}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# One self-contained .exe: the C and C++ runtimes and winpthread linked in,
# so it imports only DLLs every Windows has. -L for the libraries named
# bare (stb, as Debian's imgui.pc asks for it).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++ -L${JURYMN_WIN_PREFIX}/lib")
