package io.flowaudit.audit;

import io.flowaudit.gen.FamilyCatalog;
import io.flowaudit.gen.FieldFamily;
import io.flowaudit.gen.TransformerFields;
import java.util.List;
import java.util.Optional;

/** The families claim files can name: the standard catalogue plus the transformer families. */
final class FamilyRegistry {

    private static final FamilyCatalog CATALOG = withTransformers();

    private FamilyRegistry() {
    }

    private static FamilyCatalog withTransformers() {
        FamilyCatalog catalog = FamilyCatalog.standard();
        for (FieldFamily family : TransformerFields.families()) {
            catalog = catalog.with(family);
        }
        return catalog;
    }

    static Optional<FieldFamily> find(String name) {
        return CATALOG.families().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return CATALOG.families().stream().map(FieldFamily::name).toList();
    }
}
