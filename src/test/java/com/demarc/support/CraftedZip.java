package com.demarc.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hand-built ZIP archives for attack tests: local headers, central directory and end record written byte by byte,
 * so a test can hide an entry after junk bytes, make the two directories disagree, or lie about sizes.
 */
public final class CraftedZip {
    /** One entry: its name, deflated bytes, real size and CRC, and the sizes its headers declare. */
    public record Entry(String name, byte[] compressed, long size, long crc, long declaredSize, long declaredCompressed) {
        public Entry declaring(long size) {
            return new Entry(name, compressed, this.size, crc, size, declaredCompressed);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Entry> central = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();

    public static Entry deflated(String name, byte[] data) {
        return deflatedZeros(name, data, data.length);
    }

    /** An entry of {@code size} zero bytes, deflated (1 GB packs into about 1 MB). */
    public static Entry zeros(String name, long size) {
        return deflatedZeros(name, null, size);
    }

    private static Entry deflatedZeros(String name, byte[] data, long size) {
        var deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        var packed = new ByteArrayOutputStream();
        var crc = new CRC32();
        byte[] in = data != null ? data : new byte[1 << 20];
        byte[] buf = new byte[64 * 1024];
        long fed = 0;
        while (fed < size) {
            int n = (int) Math.min(in.length, size - fed);
            deflater.setInput(in, 0, n);
            crc.update(in, 0, n);
            fed += n;
            while (!deflater.needsInput()) {
                packed.write(buf, 0, deflater.deflate(buf));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            packed.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        byte[] c = packed.toByteArray();
        return new Entry(name, c, size, crc.getValue(), size, c.length);
    }

    /** Writes the entry's local header and data here and lists it in the central directory. */
    public CraftedZip add(Entry e) {
        return add(e, e);
    }

    /** Writes {@code local} here but lists {@code inCentral} (e.g. other sizes or name) in the central directory. */
    public CraftedZip add(Entry local, Entry inCentral) {
        offsets.add((long) out.size());
        byte[] name = local.name().getBytes(StandardCharsets.UTF_8);
        var h = le(30);
        h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x800).putShort((short) 8).putShort((short) 0)
                .putShort((short) 0x21).putInt((int) local.crc()).putInt((int) local.declaredCompressed())
                .putInt((int) local.declaredSize()).putShort((short) name.length).putShort((short) 0);
        out.writeBytes(h.array());
        out.writeBytes(name);
        out.writeBytes(local.compressed());
        central.add(inCentral);
        return this;
    }

    /** Bytes that belong to no entry. */
    public CraftedZip junk(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    public byte[] finish() {
        long cdOffset = out.size();
        for (int i = 0; i < central.size(); i++) {
            Entry e = central.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            var h = le(46);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x800).putShort((short) 8)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc()).putInt((int) e.declaredCompressed())
                    .putInt((int) e.declaredSize()).putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) (long) offsets.get(i));
            out.writeBytes(h.array());
            out.writeBytes(name);
        }
        long cdSize = out.size() - cdOffset;
        var end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) central.size())
                .putShort((short) central.size()).putInt((int) cdSize).putInt((int) cdOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private CraftedZip() {
    }

    public static CraftedZip create() {
        return new CraftedZip();
    }
}
