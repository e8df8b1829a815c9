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
# IJava's colour for error names and messages: bold red.
RED = "\x1b[1m\x1b[31m"
RESET = "\x1b[0m"


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
    assert tb[0] == RED + "java.lang.IllegalStateException: x too big: 3" + RESET, tb
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
    assert res.error()["traceback"] == [RED + evalue + RESET], res


@check
def maven_magic_resolves_into_the_cell_classpath(k):
    # The kernel's own gson is relocated, so cell code does not see it...
    res = k.execute('Class.forName("com.google.gson.Gson")')
    assert res.status == "error" and res.reply["ename"] == "ClassNotFoundException", res
    # ...until a notebook asks for one.
    res = ok(k.execute("%maven com.google.code.gson:gson:2.8.5\nnew com.google.gson.Gson().toJson(List.of(1, 2))",
                       timeout=300))
    assert res.result_data() == {"text/plain": "[1,2]"}, res


@check
def kernel_info_reply_has_status_ok(k):
    reply = k.request(lambda kc: kc.kernel_info())
    assert reply["status"] == "ok", reply
    assert reply["language_info"]["name"] == "Java", reply


@check
def history_request_is_answered(k):
    ok(k.execute("int historyMarker = 5;"))
    reply = k.request(lambda kc: kc.history(hist_access_type="tail", n=2, output=False, raw=True))
    assert reply["status"] == "ok", reply
    assert reply["history"][-1][2] == "int historyMarker = 5;", reply


@check
def fifty_megabytes_printed_arrive_whole(k):
    # 50 x 1 MiB lines... and 50,000 short ones, as the nbclient run.
    t0 = time.monotonic()
    res = ok(k.execute('String line = "x".repeat(1023);\n'
                       'for (int i = 0; i < 51200; i++) System.out.println(line);', timeout=120))
    took = time.monotonic() - t0
    out = res.stdout()
    assert len(out) == 51200 * 1024, "got %d of %d bytes" % (len(out), 51200 * 1024)
    assert out == ("x" * 1023 + "\n") * 51200
    assert len(res.of_type("stream")) < 2000, "one message per line? %d" % len(res.of_type("stream"))
    assert took < 30, "50 MB took %.1f s" % took
    res = ok(k.execute('for (int i = 0; i < 50000; i++) System.out.println("line " + i);', timeout=60))
    lines = res.stdout().splitlines()
    assert len(lines) == 50000 and lines[-1] == "line 49999", len(lines)
    print("    50 MB in %.1f s" % took)


@check
def stdout_and_stderr_keep_their_order_around_the_result(k):
    res = ok(k.execute('System.out.print("a");\nSystem.out.println("b");\n"value"'))
    kinds = [t for t, _ in res.outputs]
    # the batches may split anywhere, but all output comes before the result
    assert kinds[-1] == "execute_result" and set(kinds[:-1]) == {"stream"}, res
    assert res.stdout() == "ab\n", res


def send_all(k, codes, stop_on_error=True):
    ids = [k.kc.execute(c, allow_stdin=False, stop_on_error=stop_on_error) for c in codes]
    deadline = time.monotonic() + 60
    return [k.shell_reply(i, deadline) for i in ids]


@check
def queued_cells_are_aborted_after_an_error(k):
    ok(k.execute("int ran = 0;"))
    replies = send_all(k, ['Thread.sleep(300);\nthrow new IllegalStateException("stop here");',
                           "ran += 1;", "ran += 10;"])
    assert [r["status"] for r in replies] == ["error", "aborted", "aborted"], replies
    assert ok(k.execute("ran")).result_data() == {"text/plain": "0"}
    # later requests run again
    assert ok(k.execute("ran + 1")).result_data() == {"text/plain": "1"}


@check
def stop_on_error_false_runs_the_queued_cells(k):
    ok(k.execute("int ran2 = 0;"))
    replies = send_all(k, ['Thread.sleep(300);\nthrow new IllegalStateException("go on");',
                           "ran2 += 1;", "ran2 += 10;"], stop_on_error=False)
    assert [r["status"] for r in replies] == ["error", "ok", "ok"], replies
    assert ok(k.execute("ran2")).result_data() == {"text/plain": "11"}


@check
def system_exit_is_an_error_in_the_cell_and_variables_survive(k):
    ok(k.execute("String kept = \"still here\";"))
    res = k.execute("System.out.println(\"before\");\nSystem.exit(1);\nSystem.out.println(\"after\");")
    assert res.status == "error" and res.reply["ename"] == "SystemExitException", res
    assert res.reply["evalue"].startswith("System.exit(1) was called in the cell"), res
    assert res.stdout() == "before\n", res
    assert ok(k.execute("kept")).result_data() == {"text/plain": "still here"}


@check
def inline_line_magic_returns_the_added_jars(k):
    res = ok(k.execute("List<String> added = %%jars %s/lib/target/classpath/commons-lang3-*.jar\n"
                       "added.size() + \" \" + added.get(0).endsWith(\".jar\")" % h.REPO))
    assert res.result_data() == {"text/plain": "1 true"}, res


def write_test_repository(root):
    """kit.test:app:1.0 depending on kit.test:util:2.0, as jars holding one class each."""
    src = os.path.join(root, "src")
    for art, ver, java, deps in [
            ("util", "2.0", "package kittest; public class Util { public static int twice(int x) { return 2 * x; } }",
             ""),
            ("app", "1.0", "package kittest; public class App { public static int run() { return Util.twice(21); } }",
             "<dependencies><dependency><groupId>kit.test</groupId><artifactId>util</artifactId>"
             "<version>2.0</version></dependency></dependencies>")]:
        d = os.path.join(src, art, "kittest")
        os.makedirs(d)
        with open(os.path.join(d, art.capitalize() + ".java"), "w") as f:
            f.write(java)
        classes = os.path.join(root, "classes-" + art)
        cp = os.path.join(root, "classes-util")
        subprocess.run(["javac", "-cp", cp, "-d", classes, os.path.join(d, art.capitalize() + ".java")], check=True)
        target = os.path.join(root, "repo", "kit", "test", art, ver)
        os.makedirs(target)
        subprocess.run(["jar", "cf", os.path.join(target, "%s-%s.jar" % (art, ver)), "-C", classes, "."], check=True)
        with open(os.path.join(target, "%s-%s.pom" % (art, ver)), "w") as f:
            f.write('<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
                    "<groupId>kit.test</groupId><artifactId>%s</artifactId><version>%s</version>%s</project>"
                    % (art, ver, deps))
    return os.path.join(root, "repo")


@check
def maven_repo_and_add_maven_dependency_resolve_from_a_file_repository(k):
    repo = write_test_repository(tempfile.mkdtemp(prefix="siamese-repo-"))
    res = ok(k.execute("%%mavenRepo kit-test file://%s\n"
                       "List<String> jars = %%addMavenDependency kit.test:app:1.0\n"
                       "jars.size() + \" \" + kittest.App.run()" % repo, timeout=120))
    assert res.result_data() == {"text/plain": "2 42"}, res
    res = ok(k.execute("%addMavenDependencies kit.test:util:2.0 kit.test:app:1.0\nkittest.Util.twice(4)"))
    assert res.result_data() == {"text/plain": "8"}, res
    res = k.execute("%addMavenDependency kit.test:nothing-here:1.0")
    assert res.status == "error" and res.reply["ename"] == "MagicException", res
    assert res.reply["evalue"].startswith("line 1: %addMavenDependency: ") and "nothing-here" in res.reply["evalue"], res


@check
def load_from_pom_cell_and_line_magic(k):
    root = tempfile.mkdtemp(prefix="siamese-pom-")
    repo = write_test_repository(root)
    res = ok(k.execute("%%%%loadFromPOM\n<repository><id>kit-pom</id><url>file://%s</url></repository>\n"
                       "<dependency><groupId>kit.test</groupId><artifactId>app</artifactId>"
                       "<version>1.0</version></dependency>" % repo, timeout=120))
    assert ok(k.execute("kittest.App.run()")).result_data() == {"text/plain": "42"}
    pom = os.path.join(root, "pom.xml")
    with open(pom, "w") as f:
        f.write('<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>y</artifactId>'
                '<version>1</version><repositories><repository><id>kit-pom</id><url>file://%s</url>'
                '</repository></repositories><dependencies><dependency><groupId>kit.test</groupId>'
                '<artifactId>util</artifactId><version>2.0</version></dependency></dependencies></project>' % repo)
    res = ok(k.execute("List<String> fromPom = %%loadFromPOM %s\nfromPom.size()" % pom))
    assert res.result_data() == {"text/plain": "1"}, res
    res = k.execute("%%loadFromPOM\n<dependency><groupId>g</groupId>")
    assert res.status == "error" and "not well-formed XML" in res.reply["evalue"], res


def extra_kernel(env, cwd=None):
    """A second kernel with extra environment variables (and working directory); started."""
    kernel = h.Kernel()
    old = dict(os.environ)
    os.environ.update(env)
    try:
        kernel.start(cwd=cwd)
    finally:
        os.environ.clear()
        os.environ.update(old)
    return kernel


def with_kernel(env, body, cwd=None):
    kernel = extra_kernel(env, cwd)
    try:
        body(kernel)
    finally:
        kernel.shutdown()


@check
def ijava_timeout_stops_a_long_statement(_):
    def body(k2):
        t0 = time.monotonic()
        res = k2.execute("int fast = 1;\nThread.sleep(20000);\nint skipped = 2;", timeout=30)
        assert res.status == "error" and res.reply["ename"] == "EvaluationTimeoutException", res
        assert "timed out after 1000 ms" in res.reply["evalue"] and "line 2" in res.reply["evalue"], res
        assert time.monotonic() - t0 < 10
        assert ok(k2.execute("fast")).result_data() == {"text/plain": "1"}
    with_kernel({"IJAVA_TIMEOUT": "1 SECONDS"}, body)


@check
def startup_script_variables_and_compiler_opts(_):
    root = tempfile.mkdtemp(prefix="siamese-startup-")
    for name, code in [("a.jshell", "int fromScriptA = 1;"), ("b.jshell", "int fromScriptB = fromScriptA + 1;")]:
        with open(os.path.join(root, name), "w") as f:
            f.write(code)

    def body(k2):
        res = ok(k2.execute("fromScriptA + fromScriptB + fromScript"))
        assert res.result_data() == {"text/plain": "6"}, res
        # -parameters keeps parameter names; -Xlint:all shows warnings on stderr
        res = ok(k2.execute("List raw = new ArrayList();\nraw.add(1);"))
        assert "line 2: warning:" in res.stderr() and "unchecked" in res.stderr(), res
        res = ok(k2.execute("class Holder { void named(int alpha) {} }\n"
                            "Holder.class.getDeclaredMethod(\"named\", int.class).getParameters()[0].getName()"))
        assert res.result_data() == {"text/plain": "alpha"}, res
    with_kernel({"IJAVA_STARTUP_SCRIPTS_PATH": os.path.join(root, "*.jshell"),
                 "IJAVA_STARTUP_SCRIPT": "int fromScript = fromScriptB + 1;",
                 "IJAVA_COMPILER_OPTS": "-Xlint:all -parameters"}, body)


@check
def killing_the_parent_ends_the_kernel(_):
    # A parent process (python) that starts the kernel through jupyter_client and
    # is then killed: the kernel must end within a few seconds.
    script = textwrap.dedent("""\
        import sys, time
        sys.path.insert(0, %r)
        import kernel_harness as h
        k = h.Kernel()
        k.start()
        print(k.km.provisioner.process.pid, flush=True)
        time.sleep(600)
        """ % os.path.dirname(os.path.abspath(__file__)))
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        pid = int(parent.stdout.readline())
        assert pid_alive(pid)
        parent.kill()
        parent.wait()
        t0 = time.monotonic()
        while pid_alive(pid) and time.monotonic() - t0 < 15:
            time.sleep(0.2)
        assert not pid_alive(pid), "kernel %d still running 15 s after its parent died" % pid
        print("    kernel ended %.1f s after its parent" % (time.monotonic() - t0))
    finally:
        if parent.poll() is None:
            parent.kill()


def pid_alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@check
def a_jvm_crash_writes_its_log_under_build_not_the_notebook_folder(_):
    notebooks = tempfile.mkdtemp(prefix="siamese-notebooks-")
    kernel = extra_kernel({}, cwd=notebooks)
    crash_dir = os.path.join(h.REPO, "build", "kernel-crash")
    try:
        pid = kernel.km.provisioner.process.pid
        kernel.kc.execute('var f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");\n'
                          "f.setAccessible(true);\n((sun.misc.Unsafe) f.get(null)).putAddress(0, 0);")
        t0 = time.monotonic()
        while pid_alive(pid) and time.monotonic() - t0 < 60:
            time.sleep(0.2)
        assert not pid_alive(pid), "the JVM did not crash"
        assert not [n for n in os.listdir(notebooks) if n.startswith(("hs_err", "replay_"))], os.listdir(notebooks)
        log = os.path.join(crash_dir, "hs_err_pid%d.log" % pid)
        assert os.path.isfile(log), "no %s" % log
        os.remove(log)
    finally:
        kernel.shutdown(wait=1)


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
