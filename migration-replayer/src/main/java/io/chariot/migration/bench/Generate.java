package io.chariot.migration.bench;

import java.nio.file.Path;

/** Writes a generated legacy export: {@code Generate DIR TENANTS ASSETS_PER_TENANT [SEED]}. */
public final class Generate {

    private Generate() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Generate DIR TENANTS ASSETS_PER_TENANT [SEED]");
            System.exit(2);
        }
        GeneratedExport export = new GeneratedExport(args.length > 3 ? Long.parseLong(args[3]) : 7,
                Integer.parseInt(args[1]), Integer.parseInt(args[2]), 1000, true);
        long started = System.nanoTime();
        GeneratedExport.Written w = export.write(Path.of(args[0]));
        System.out.printf("generated %,d records and %,d edges (%,d malformed) in %.1f s%n", w.records(), w.edges(),
                w.malformed(), (System.nanoTime() - started) / 1e9);
    }
}
