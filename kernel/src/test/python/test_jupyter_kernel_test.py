"""Jupyter's own kernel test suite (Debian's python3-jupyter-kernel-test) against the kit's kernel.

Usage: /usr/bin/python3 kernel/src/test/python/test_jupyter_kernel_test.py
Every attribute that applies to a Java kernel is filled; the pager and
clear_output samples do not apply (the kernel has neither).
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_harness as h  # noqa: E402

ROOT = h.private_jupyter_path()

import jupyter_kernel_test  # noqa: E402


class KitKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = h.KERNEL_NAME
    language_name = "Java"
    file_extension = ".java"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "Integer.MAX_VA", "matches": {"MAX_VALUE"}},
        {"text": "String.valueO", "matches": {"valueOf("}},
    ]
    complete_code_samples = ["1 + 1", "int x = 3;", "void f() { }", "%jars a.jar\nint y = 2;"]
    incomplete_code_samples = ["void f() {", "int x = (1 +", "for (int i = 0; i < 3; i++)"]
    invalid_code_samples = ["%jars 'unclosed", "int x = 1;\n%%loadFromPOM"]

    code_generate_error = 'throw new IllegalStateException("boom");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"kit".toUpperCase()', "result": "KIT"},
        {"code": "new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)",
         "mime": "image/png"},
    ]
    code_display_data = [
        {"code": 'display("shown now");', "mime": "text/plain"},
        {"code": "display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
    ]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "String.valueOf"


def main():
    try:
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(KitKernelTests)
        result = unittest.TextTestRunner(verbosity=2).run(suite)
    finally:
        h.cleanup(ROOT)
    # A skipped test means an attribute left empty: count it as a failure,
    # except the pager and clear_output, which this kernel does not have.
    not_applicable = ("test_pager", "test_clear_output")
    skipped = [t.id() for t, _ in result.skipped if not t.id().endswith(not_applicable)]
    ok = result.wasSuccessful() and not skipped
    if skipped:
        print("skipped (should not be): %s" % skipped)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
