# SPDX-License-Identifier: EUPL-1.2
# What `cmake --install` lays out (the FHS: bin/, share/jurymn/, and on Linux
# the desktop entry, AppStream file, icons, man pages and the package's
# doc/), and the CPack settings of the Debian package (packaging/deb/build.sh).
include(GNUInstallDirs)

install(TARGETS jurymn RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The binary looks for these in ../share/jurymn (app/resources.cpp).
# Their README.md files describe the formats, for people: they go to doc/.
install(DIRECTORY assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/jurymn/assets PATTERN README.md EXCLUDE)
install(DIRECTORY scoring_grids/ DESTINATION ${CMAKE_INSTALL_DATADIR}/jurymn/scoring_grids PATTERN README.md EXCLUDE)
install(FILES assets/titles/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME format-titles.md)
install(FILES assets/plans/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME format-plans.md)
install(FILES scoring_grids/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME format-grids.md)

if(WIN32)
  return()
endif()

# One version everywhere: the binary's (--version, results.json), the
# package's, the changelog's latest entry and the AppStream latest release.
file(STRINGS packaging/deb/changelog changelog_head LIMIT_COUNT 1)
if(NOT changelog_head MATCHES "^jurymn \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "packaging/deb/changelog: the latest entry is « ${changelog_head} », "
                      "the project's version is ${PROJECT_VERSION}: add an entry for ${PROJECT_VERSION}")
endif()
file(READ packaging/linux/jurymn.metainfo.xml.in metainfo_text)
if(NOT metainfo_text MATCHES "<releases>[ \t\r\n]*<release version=\"${PROJECT_VERSION}\"")
  message(FATAL_ERROR "packaging/linux/jurymn.metainfo.xml.in: the first release is not ${PROJECT_VERSION}")
endif()

set(linux_out ${CMAKE_BINARY_DIR}/packaging)
configure_file(packaging/linux/jurymn.desktop.in ${linux_out}/${JURYMN_APP_ID}.desktop @ONLY)
configure_file(packaging/linux/jurymn.metainfo.xml.in ${linux_out}/${JURYMN_APP_ID}.metainfo.xml @ONLY)
install(FILES ${linux_out}/${JURYMN_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${linux_out}/${JURYMN_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# The desktop's icon theme, under the application id; the window sets its
# own icon from share/jurymn/assets/icons.
foreach(size IN ITEMS 16 24 32 48 64 128 256)
  install(FILES assets/icons/jurymn-${size}.png DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
          RENAME ${JURYMN_APP_ID}.png)
endforeach()
install(FILES assets/icons/jurymn.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${JURYMN_APP_ID}.svg)

# Man pages and changelog compressed as Debian wants them (gzip -9n: no name,
# no time stamp, so the package is reproducible). configure_file makes an
# edit re-run this.
find_program(GZIP_PROGRAM gzip REQUIRED)
function(jurymn_gzip source output)
  configure_file(${source} ${output} @ONLY)
  execute_process(COMMAND ${GZIP_PROGRAM} -9nf ${output} COMMAND_ERROR_IS_FATAL ANY)
endfunction()
jurymn_gzip(packaging/man/jurymn.1 ${linux_out}/man/man1/jurymn.1)
jurymn_gzip(packaging/man/jurymn.fr.1 ${linux_out}/man/fr/man1/jurymn.1)
jurymn_gzip(packaging/deb/changelog ${linux_out}/doc/changelog)
install(FILES ${linux_out}/man/man1/jurymn.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${linux_out}/man/fr/man1/jurymn.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/fr/man1)
# A native package (its version is the project's, no Debian revision): its
# changelog is changelog.gz, in the Debian changelog format.
install(FILES packaging/deb/copyright ${linux_out}/doc/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The third-party components and their licences (packaging/licences/third-party.sh).
install(FILES packaging/licences/THIRD-PARTY-deb.txt DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME THIRD-PARTY.txt)

# The Debian package. Library dependencies come from the binary
# (dpkg-shlibdeps); the data and helpers it uses at run time are named here.
set(JURYMN_MAINTAINER "jurymn <dev@jurymn.invalid>" CACHE STRING "Debian package maintainer (Name <address>)")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME jurymn)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${JURYMN_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The window's text (DejaVu Sans, app/resources.cpp).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
# xdg-open shows the procès-verbal in the browser (platform_posix.cpp).
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xdg-utils")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "offline tool for the French « Médiateur numérique » exam jury")
# CPack puts the summary first and formats the paragraphs.
file(READ packaging/deb/description CPACK_DEBIAN_PACKAGE_DESCRIPTION)
string(STRIP "${CPACK_DEBIAN_PACKAGE_DESCRIPTION}" CPACK_DEBIAN_PACKAGE_DESCRIPTION)
include(CPack)

# The files above checked by the normal test suite (the tools come from
# install-deps.sh; a missing tool fails the test).
if(JURYMN_BUILD_TESTS)
  add_test(NAME packaging_desktop_entry
           COMMAND desktop-file-validate ${linux_out}/${JURYMN_APP_ID}.desktop)
  add_test(NAME packaging_appstream
           COMMAND appstreamcli validate --no-net --pedantic ${linux_out}/${JURYMN_APP_ID}.metainfo.xml)
  add_test(NAME packaging_man_pages
           COMMAND bash ${CMAKE_SOURCE_DIR}/packaging/man/check.sh $<TARGET_FILE:jurymn>
                   ${linux_out}/man/man1/jurymn.1.gz ${linux_out}/man/fr/man1/jurymn.1.gz)
endif()
