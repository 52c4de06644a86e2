package com.demarc.scale;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar demarc.jar --generate-scale=S|M|L}: writes scale data into the configured database, prints what
 * it wrote and exits (0 done, 1 refused with the reason). No web server is started for it (see Application).
 */
@Component
@Order(2) // after the shipped catalog is loaded (1), before demo data (10) and the coverage start-up job
class ScaleDataCommand implements ApplicationRunner {
    static final String OPTION = "generate-scale";

    private final ScaleDataGenerator generator;
    private final ApplicationContext context;

    ScaleDataCommand(ScaleDataGenerator generator, ApplicationContext context) {
        this.generator = generator;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        int code;
        try {
            var values = args.getOptionValues(OPTION);
            var size = ScaleSize.parse(values.isEmpty() ? "" : values.getFirst());
            System.out.println("Generating scale data " + size + " (" + size.projects() + " projects) …");
            System.out.println(generator.generate(size).describe());
            System.out.println("Sign in as " + ScaleDataGenerator.MANAGER + ", " + ScaleDataGenerator.AUDITOR + " or a member such as "
                    + ScaleDataGenerator.member(1, 0) + ", password " + ScaleDataGenerator.PASSWORD + ".");
            code = 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.out.println("Scale data not generated: " + e.getMessage());
            code = 1;
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, () -> exit));
    }
}
