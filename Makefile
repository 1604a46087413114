# SPDX-License-Identifier: GPL-2.0-or-later
# pvdump - top-level convenience targets.
#
#   make demo    install missing packages, build, run the end-to-end demo on uvsim
#   make check   install missing packages, build, run every test
#   make check-kvm-unit-tests   only kvm-unit-tests' s390x binaries on pvdump-vm
#   make         build only (after ./configure or the targets above)

BUILD ?= build
MESON_TEST_ARGS ?= --print-errorlogs

.PHONY: all build demo check deps deps-check clean check-asan check-valgrind \
	check-kvm-unit-tests

all: build

deps:
	@scripts/install-deps.sh build

deps-check:
	@scripts/install-deps.sh check

# The builds the tests use carry the test-only hooks (fault injection,
# x-debug QMP commands); a plain ./configure leaves them out.
$(BUILD)/build.ninja:
	./configure --builddir=$(BUILD) --enable-fault-injection

# A build dir configured before the option existed (or by hand) gets it too.
build: $(BUILD)/build.ninja
	@meson configure $(BUILD) | grep -Eq '^ *fault_injection +true' || \
	    meson configure $(BUILD) -Dfault_injection=true
	ninja -C $(BUILD)

demo: deps build
	scripts/demo.sh $(BUILD)

check: deps-check build
	meson test -C $(BUILD) $(MESON_TEST_ARGS)

# kvm-unit-tests' s390x binaries on pvdump-vm against
# tests/kvm-unit-tests/expected-uvsim.txt (docs/testing.md); part of
# `make check` too, this runs that suite alone.
check-kvm-unit-tests: build
	meson test -C $(BUILD) $(MESON_TEST_ARGS) --suite kvm-unit-tests

# ASan+UBSan build of everything, unit and functional suites (the fuzz
# suite has its own sanitizers; the cross build has none to run).  Reports
# of every process, including the pvdump-vm instances the Python tests
# start and only quit, go to files under $(ASAN_BUILD)/sanitizer-logs, and
# any such file fails the target: a test that ignores its VM's exit status
# cannot hide a finding.
ASAN_BUILD ?= build-asan
SAN_LOGS = $(CURDIR)/$(ASAN_BUILD)/sanitizer-logs
SAN_ENV = PVDUMP_SANITIZED=1 ASAN_OPTIONS=halt_on_error=1:print_stacktrace=1:detect_leaks=1:fast_unwind_on_malloc=0:log_path=$(SAN_LOGS)/asan \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(SAN_LOGS)/ubsan \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan-suppressions.txt:print_suppressions=0

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) --buildtype=debug \
	    -Db_sanitize=address,undefined -Db_lundef=false -Dfault_injection=true

check-asan: deps-check $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	rm -rf $(SAN_LOGS) && mkdir -p $(SAN_LOGS)
	$(SAN_ENV) meson test -C $(ASAN_BUILD) $(MESON_TEST_ARGS) \
	    --suite unit --suite functional
	@if [ -n "$$(ls -A $(SAN_LOGS))" ]; then \
	    cat $(SAN_LOGS)/*; echo "check-asan: sanitizer reports above" >&2; \
	    exit 1; fi

# Valgrind's memcheck over a short form of the functional suite (the
# 'valgrind' suite, tests/valgrind/meson.build): every binary the tests
# start runs under valgrind and logs to $(VG_BUILD)/valgrind-logs, and
# check-logs.py fails on any error or definite leak in any log, so VMs the
# tests only quit are checked too.  A plain debug build: valgrind cannot
# run ASan binaries.
VG_BUILD ?= build-valgrind
VG_LOGS = $(CURDIR)/$(VG_BUILD)/valgrind-logs

$(VG_BUILD)/build.ninja:
	meson setup $(VG_BUILD) --buildtype=debug -Db_sanitize=none -Dvalgrind=true \
	    -Dfault_injection=true

check-valgrind: deps-check $(VG_BUILD)/build.ninja
	ninja -C $(VG_BUILD)
	rm -rf $(VG_LOGS) && mkdir -p $(VG_LOGS)
	meson test -C $(VG_BUILD) $(MESON_TEST_ARGS) --suite valgrind; \
	    status=$$?; \
	    /usr/bin/python3 tests/valgrind/check-logs.py $(VG_LOGS) || status=1; \
	    exit $$status

clean:
	rm -rf $(BUILD) build-cross $(ASAN_BUILD) $(VG_BUILD)
