package dev.backlane.core.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the type names a class file's constant pool names (JVMS §4.4): class entries and the types
 * inside descriptors and signatures. Only the pool is read; the rest of the file is not needed.
 */
final class ConstantPool {
    /** A type inside a descriptor or signature: {@code Ldev/backlane/core/model/Vpc;} or {@code Ldev/.../Type<}. */
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

    private ConstantPool() {}

    /** The class's own name first, then every type name its pool mentions, in internal form ({@code a/b/C}). */
    static List<String> referencedTypeNames(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        Set<Integer> stringLiterals = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8 -> stringLiterals.add(in.readUnsignedShort());
                case 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.readUnsignedShort(); // access flags
        int thisClass = in.readUnsignedShort();
        List<String> names = new ArrayList<>();
        names.add(utf8[classNameIndex[thisClass]]);
        for (int i = 1; i < count; i++) {
            if (classNameIndex[i] != 0) {
                String name = utf8[classNameIndex[i]];
                if (name.startsWith("[")) {
                    addTypesIn(name, names); // an array class is named by its descriptor
                } else {
                    names.add(name);
                }
            } else if (utf8[i] != null && !stringLiterals.contains(i)) {
                addTypesIn(utf8[i], names);
            }
        }
        return names;
    }

    private static void addTypesIn(String descriptor, List<String> names) {
        Matcher type = TYPE_IN_DESCRIPTOR.matcher(descriptor);
        while (type.find()) {
            names.add(type.group(1));
        }
    }
}
