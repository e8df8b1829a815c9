package org.siamesekit.kernel.shell;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode JShell compiles from cells so that calls to
 * {@code System.exit(int)}, {@code Runtime.exit(int)} and {@code Runtime.halt(int)}
 * go to {@link ExitGuard}, which throws {@link SystemExitException} in the cell.
 * Without a SecurityManager (deprecated, off by default from JDK 18) this is
 * the way to keep a cell from ending the kernel. Code in jars the notebook
 * loads is not rewritten.
 */
final class ExitCalls {
    private static final String GUARD = ExitGuard.class.getName().replace('.', '/');

    private ExitCalls() {}

    /** The class with its exit calls redirected, or the same array if it has none. */
    static byte[] rewrite(byte[] bytecode) {
        ClassReader reader = new ClassReader(bytecode);
        ClassWriter writer = new ClassWriter(reader, 0);
        boolean[] changed = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String mdesc, boolean itf) {
                        String replacement = replacement(opcode, owner, method, mdesc);
                        if (replacement == null) {
                            super.visitMethodInsn(opcode, owner, method, mdesc, itf);
                            return;
                        }
                        changed[0] = true;
                        String guardDesc = opcode == Opcodes.INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V";
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, replacement, guardDesc, false);
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : bytecode;
    }

    private static String replacement(int opcode, String owner, String method, String desc) {
        if (!"(I)V".equals(desc)) return null;
        if (opcode == Opcodes.INVOKESTATIC && "java/lang/System".equals(owner) && "exit".equals(method)) return "systemExit";
        if (opcode == Opcodes.INVOKEVIRTUAL && "java/lang/Runtime".equals(owner)) {
            if ("exit".equals(method)) return "runtimeExit";
            if ("halt".equals(method)) return "runtimeHalt";
        }
        return null;
    }
}
