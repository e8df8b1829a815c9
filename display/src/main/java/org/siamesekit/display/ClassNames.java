package org.siamesekit.display;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/** Type checks by class name, for libraries a renderer does not link against (Tablesaw, XChart). */
public final class ClassNames {
    private ClassNames() {}

    /** Whether o's class is, extends or implements the class or interface named {@code name}. */
    public static boolean isA(Object o, String name) {
        if (o == null) return false;
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(o.getClass());
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) continue;
            if (c.getName().equals(name)) return true;
            if (c.getSuperclass() != null) todo.add(c.getSuperclass());
            for (Class<?> i : c.getInterfaces()) todo.add(i);
        }
        return false;
    }
}
