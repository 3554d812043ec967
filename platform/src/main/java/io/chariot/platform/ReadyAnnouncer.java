package io.chariot.platform;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;

/** The one line {@code ./chariot up} promises once the platform serves requests (logs go to a file). */
@Component
class ReadyAnnouncer implements ApplicationListener<ApplicationReadyEvent> {

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            String address = event.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1");
            double seconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
            System.out.printf("Chariot ready on http://%s:%d (started in %.1fs; Swagger UI at /swagger-ui.html)%n",
                    address, web.getWebServer().getPort(), seconds);
            System.out.flush();
        }
    }
}
