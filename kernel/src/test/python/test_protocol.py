"""Drives real cells through the siamese-java kernel over the Jupyter protocol.

Usage: /usr/bin/python3 kernel/src/test/python/test_protocol.py
Needs kernel/target/siamese-kit-kernel.jar and lib/target/classpath (mvn package).
Prints one line per check and 'N passed, N failed'; exits non-zero on failure.
"""
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kernel_harness as h  # noqa: E402

CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def ok(res):
    assert res.status == "ok", "cell failed: %r" % res
    return res


@check
def expression_value_is_the_execute_result(k):
    res = ok(k.execute("1+1"))
    assert res.result_data() == {"text/plain": "2"}, res


@check
def declarations_show_nothing(k):
    res = ok(k.execute("int declared = 5;"))
    assert res.of_type("execute_result") == [], res


@check
def println_becomes_a_stdout_stream(k):
    res = ok(k.execute('System.out.println("hello from Java");\nSystem.err.println("to stderr");'))
    assert res.stdout() == "hello from Java\n", res
    assert res.stderr() == "to stderr\n", res


@check
def output_of_other_threads_during_the_cell_is_shown(k):
    res = ok(k.execute(textwrap.dedent("""\
        Thread worker = new Thread(() -> {
            for (int i = 0; i < 3; i++) System.out.println("worker " + i);
        });
        worker.start();
        worker.join();""")))
    assert res.stdout() == "worker 0\nworker 1\nworker 2\n", res


@check
def compile_error_names_the_cell_line(k):
    res = k.execute("int fine = 1;\nint alsoFine = 2;\nString s = notDeclared;")
    assert res.status == "error", res
    assert res.reply["ename"] == "CompilationException", res
    assert res.reply["evalue"].startswith("line 3: cannot find symbol"), res
    err = res.error()
    assert err is not None and any("line 3" in line for line in err["traceback"]), res
    assert any("String s = notDeclared;" in line for line in err["traceback"]), res


@check
def exception_reports_class_message_and_cell_lines(k):
    res = k.execute(textwrap.dedent("""\
        void check(int x) {
            if (x > 2) throw new IllegalStateException("x too big: " + x);
        }
        check(1);
        check(3);"""))
    assert res.status == "error", res
    assert res.reply["ename"] == "IllegalStateException", res
    assert res.reply["evalue"] == "x too big: 3", res
    tb = res.error()["traceback"]
    count = res.reply["execution_count"]
    assert tb[0] == "java.lang.IllegalStateException: x too big: 3", tb
    assert tb[1] == "    at check (In[%d] line 2)" % count, tb
    assert tb[2] == "    at In[%d] line 5" % count, tb
    assert not any("reflect" in line or "org.siamesekit.kernel" in line for line in tb), tb
    # the execute reply's own traceback (what nbclient prints) carries cell lines too
    assert res.reply["traceback"] == ["REPL.check(In[%d]:2)" % count, "REPL.cell(In[%d]:5)" % count], res.reply


@check
def incomplete_input_is_an_error(k):
    res = k.execute("int x = (1 +")
    assert res.status == "error" and res.reply["ename"] == "IncompleteSourceException", res


@check
def buffered_image_display_is_png(k):
    res = ok(k.execute(textwrap.dedent("""\
        import java.awt.image.BufferedImage;
        BufferedImage img = new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0xff0000);
        String imageId = display(img);""")))
    shown = res.of_type("display_data")
    assert len(shown) == 1, res
    assert h.png_size(shown[0]["data"]["image/png"]) == (12, 8), res
    assert shown[0]["transient"]["display_id"], res
    upd = ok(k.execute("updateDisplay(imageId, new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB));"))
    updates = upd.of_type("update_display_data")
    assert len(updates) == 1 and updates[0]["transient"]["display_id"] == shown[0]["transient"]["display_id"], upd
    assert h.png_size(updates[0]["data"]["image/png"]) == (4, 4), upd
    last = ok(k.execute("img"))
    assert h.png_size(last.result_data()["image/png"]) == (12, 8), last


@check
def xchart_as_last_expression_is_png(k):
    res = ok(k.execute(textwrap.dedent("""\
        import org.knowm.xchart.*;
        XYChart chart = new XYChartBuilder().width(420).height(260).title("Loss").build();
        chart.addSeries("train", new double[] {1, 2, 3}, new double[] {0.9, 0.4, 0.2});
        chart""")))
    data = res.result_data()
    assert data and "image/png" in data, res
    assert h.png_size(data["image/png"]) == (420, 260), res
    assert data["text/plain"] == 'XYChart "Loss" (420x260)', data["text/plain"]


@check
def tablesaw_table_is_html(k):
    res = ok(k.execute(textwrap.dedent("""\
        import tech.tablesaw.api.*;
        Table t = Table.create("scores",
            StringColumn.create("who", new String[] {"ann", "<bob>"}),
            DoubleColumn.create("score", new double[] {0.25, 0.75}));
        t""")))
    data = res.result_data()
    html = data.get("text/html", "")
    assert "<caption>scores</caption>" in html and "<th>who</th><th>score</th>" in html, data
    assert "&lt;bob&gt;" in html and "0.75" in html, html
    assert "scores" in data["text/plain"], data


@check
def completion_of_str_offers_string(k):
    code = "int n = 1;\nStr"
    reply = k.request(lambda kc: kc.complete(code, len(code)))
    assert reply["status"] == "ok", reply
    assert "String" in reply["matches"], reply
    assert reply["cursor_start"] == len(code) - 3 and reply["cursor_end"] == len(code), reply


@check
def inspect_shows_the_signature(k):
    code = "String.valueOf"
    reply = k.request(lambda kc: kc.inspect(code, len(code)))
    assert reply["status"] == "ok" and reply["found"], reply
    assert "valueOf" in reply["data"]["text/plain"], reply


@check
def is_complete_reports_unfinished_code(k):
    assert k.request(lambda kc: kc.is_complete("1 + 1"))["status"] == "complete"
    assert k.request(lambda kc: kc.is_complete("void f() {"))["status"] == "incomplete"


@check
def interrupt_stops_a_busy_loop_and_the_kernel_stays_usable(k):
    msg_id = k.kc.execute("long spins = 0;\nwhile (true) { spins++; }")
    time.sleep(1.5)
    t0 = time.monotonic()
    k.km.interrupt_kernel()
    reply = k.shell_reply(msg_id, time.monotonic() + 20)
    took = time.monotonic() - t0
    assert reply["status"] == "error" and reply["ename"] == "EvaluationInterruptedException", reply
    assert took < 10, "interrupt took %.1f s" % took
    res = ok(k.execute("spins > 0"))
    assert res.result_data() == {"text/plain": "true"}, res
    assert ok(k.execute("40 + 2")).result_data() == {"text/plain": "42"}


@check
def notebook_display_from_lib_creates_and_updates_an_output(k):
    res = ok(k.execute(textwrap.dedent("""\
        import org.siamesekit.notebook.Notebook;
        var handle = Notebook.display("epoch 1");
        handle.update("epoch 2");""")))
    shown = res.of_type("display_data")
    updates = res.of_type("update_display_data")
    assert len(shown) == 1 and shown[0]["data"]["text/plain"] == "epoch 1", res
    display_id = shown[0]["transient"]["display_id"]
    assert len(updates) == 1 and updates[0]["transient"]["display_id"] == display_id, res
    assert updates[0]["data"]["text/plain"] == "epoch 2", res
    later = ok(k.execute("handle.update(chart);"))
    again = later.of_type("update_display_data")
    assert len(again) == 1 and again[0]["transient"]["display_id"] == display_id, later
    assert h.png_size(again[0]["data"]["image/png"]) == (420, 260), later
    assert ok(k.execute("Notebook.inNotebook()")).result_data() == {"text/plain": "true"}


@check
def nd4j_runs_in_the_kernel_and_seeds_carry_across_cells(k):
    # ND4J's random generator is per thread: the same seed giving the same
    # numbers in a later cell shows cells share one thread, as under IJava.
    ok(k.execute("import org.nd4j.linalg.factory.Nd4j;\nNd4j.getRandom().setSeed(42);\n"
                 "var first = Nd4j.rand(2, 3);", timeout=120))
    ok(k.execute("Nd4j.getRandom().setSeed(42);"))
    res = ok(k.execute("var second = Nd4j.rand(2, 3);\nfirst.equals(second) && first.sumNumber().doubleValue() > 0"))
    assert res.result_data() == {"text/plain": "true"}, res


@check
def classpath_magic_adds_a_class_folder(k):
    work = tempfile.mkdtemp(prefix="siamese-cp-")
    src = os.path.join(work, "demo", "Hello.java")
    os.makedirs(os.path.dirname(src))
    with open(src, "w") as f:
        f.write('package demo; public class Hello { public String greet() { return "hi from the classpath"; } }')
    classes = os.path.join(work, "classes")
    subprocess.run(["javac", "-d", classes, src], check=True)
    res = ok(k.execute("%%classpath %s\nnew demo.Hello().greet()" % classes))
    assert res.result_data() == {"text/plain": "hi from the classpath"}, res


@check
def jars_magic_with_a_glob_and_a_bad_path(k):
    ok(k.execute("%%jars %s/lib/target/classpath/commons-lang3-*.jar\n"
                 "org.apache.commons.lang3.StringUtils.capitalize(\"kit\")" % h.REPO))
    res = k.execute("int before = 1;\n%jars /no/such/folder/*.jar\n1")
    assert res.status == "error" and res.reply["ename"] == "MagicException", res
    evalue = res.reply["evalue"]
    assert evalue.startswith("line 2: %jars: ") and "/no/such/folder" in evalue and "does not exist" in evalue, res
    assert res.error()["traceback"] == [evalue], res


@check
def maven_magic_resolves_into_the_cell_classpath(k):
    # The kernel's own gson is relocated, so cell code does not see it...
    res = k.execute('Class.forName("com.google.gson.Gson")')
    assert res.status == "error" and res.reply["ename"] == "ClassNotFoundException", res
    # ...until a notebook asks for one.
    res = ok(k.execute("%maven com.google.code.gson:gson:2.8.5\nnew com.google.gson.Gson().toJson(List.of(1, 2))",
                       timeout=300))
    assert res.result_data() == {"text/plain": "[1,2]"}, res


def main():
    root = h.private_jupyter_path()
    kernel = h.Kernel()
    passed = failed = 0
    try:
        t0 = time.monotonic()
        ready = kernel.start()
        first = kernel.execute("1+1")
        print("kernel ready in %.2f s, first cell replied %.2f s after start" % (ready, time.monotonic() - t0))
        for fn in CHECKS:
            try:
                t = time.monotonic()
                fn(kernel)
                passed += 1
                print("PASS %s (%.1f s)" % (fn.__name__, time.monotonic() - t))
            except Exception:
                failed += 1
                print("FAIL %s\n%s" % (fn.__name__, textwrap.indent(traceback.format_exc(), "    ")))
        try:
            exited = kernel.shutdown()
            assert exited, "the kernel did not exit after shutdown_request"
            passed += 1
            print("PASS shutdown_request_ends_the_kernel")
        except Exception:
            failed += 1
            print("FAIL shutdown_request_ends_the_kernel\n" + textwrap.indent(traceback.format_exc(), "    "))
        assert first.status == "ok"
    finally:
        if failed:
            print("kernel log tail:\n" + textwrap.indent(kernel.log_tail(), "    "))
        h.cleanup(root)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
