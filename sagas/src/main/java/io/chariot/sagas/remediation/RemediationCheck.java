package io.chariot.sagas.remediation;

import io.chariot.api.job.JobCommands;
import io.chariot.api.job.JobCommands.QueueJob;
import io.chariot.api.job.JobEvents.JobFinished;
import io.chariot.api.job.JobKeys;
import io.chariot.api.job.JobResults;
import io.chariot.api.risk.RiskCommands;
import io.chariot.api.risk.RiskCommands.UpdateRisk;
import io.chariot.api.risk.RiskEvents.RiskStatusChanged;
import io.chariot.api.risk.RiskKeys;
import io.chariot.api.risk.RiskStatus;
import io.chariot.sagas.runtime.SagaRuntime;
import io.chariot.sagas.runtime.SagaState;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.List;
import java.util.Map;

/**
 * The remediation check: a risk marked remediated ({@code R…}) queues a re-test job of
 * {@code chariot.sagas.remediation.capability} against the risk's domain and waits for it, at most
 * {@code chariot.sagas.remediation.deadline} (a durable deadline).
 * <ul>
 *     <li>The re-test still finds the risk: the job-result saga re-detects it, which reopens it ({@code O…}); this
 *     check adds the history note that says why, and completes.</li>
 *     <li>The re-test passes without it: the remediation is confirmed; the check completes.</li>
 *     <li>No re-test finished within the deadline: the instance is {@code FLAGGED} for an operator (it keeps
 *     waiting: a late re-test still completes it).</li>
 *     <li>The risk leaves {@code R…} meanwhile (a person reopened or closed it): the check ends.</li>
 * </ul>
 */
public final class RemediationCheck {

    public static final String TYPE = "remediation-check";
    static final String DEADLINE = "retest-deadline";
    static final String SYSTEM = "chariot";

    /** What one check waits for. */
    public static final class Progress {
        public String tenant;
        public String risk;
        public String job;
    }

    private final CommandGateway commands;
    private final RemediationProperties properties;

    public RemediationCheck(CommandGateway commands, RemediationProperties properties) {
        this.commands = commands;
        this.properties = properties;
    }

    /** A risk's status changed: a move to {@code R…} starts a check; a move away ends a pending one. */
    public void on(RiskStatusChanged changed, Progress progress, SagaRuntime saga) {
        boolean remediated = RiskStatus.isRemediated(changed.to());
        if (progress.risk == null) {
            if (!remediated) {
                saga.dismiss();
                return;
            }
            start(changed, progress, saga);
        } else if (!remediated) {
            saga.cancel(DEADLINE);
            saga.end(SagaState.COMPLETED, "the risk left remediated (" + changed.to() + ") before its re-test");
        }
    }

    private void start(RiskStatusChanged changed, Progress progress, SagaRuntime saga) {
        String dns = RiskKeys.parseRiskKey(changed.key()).dns();
        String target = "#asset#" + dns;
        String job = JobKeys.jobKey(JobKeys.parseTarget(target), properties.capability());
        progress.tenant = changed.tenant();
        progress.risk = changed.key();
        progress.job = job;
        saga.begin(TYPE, changed.tenant(), changed.key(),
                Map.of("aggregate", RiskCommands.aggregateId(changed.tenant(), changed.key())));
        saga.associate("aggregate", JobCommands.aggregateId(changed.tenant(), job));
        commands.sendAndWait(QueueJob.of(changed.tenant(), target, properties.capability(), Map.of(), List.of(), 0,
                properties.timeoutSeconds(), SYSTEM));
        saga.stepDone("re-test " + job + " queued");
        saga.schedule(DEADLINE, properties.deadline(), changed.key());
    }

    /** The re-test finished (another run of the same job counts as well). */
    public void on(JobFinished finished, Progress progress, SagaRuntime saga) {
        if (progress.risk == null || !finished.key().equals(progress.job)) {
            return;
        }
        saga.cancel(DEADLINE);
        if (!"JP".equals(finished.status())) {
            saga.state(SagaState.FLAGGED, "the re-test failed: " + finished.reason());
            return;
        }
        if (stillFound(finished.items(), progress.risk)) {
            commands.sendAndWait(UpdateRisk.of(progress.tenant, progress.risk, null, "re-test " + finished.key()
                    + " still finds it: reopened", null, null, null, SYSTEM));
            saga.stepDone("re-test still finds it: reopened");
            saga.end(SagaState.COMPLETED, "still found by the re-test");
        } else {
            saga.stepDone("re-test does not find it: remediation confirmed");
            saga.end(SagaState.COMPLETED, "remediation confirmed");
        }
    }

    /** No re-test within the deadline: an operator should look. */
    public void deadlinePassed(SagaRuntime saga) {
        saga.fired(DEADLINE);
        saga.state(SagaState.FLAGGED, "no re-test finished within " + properties.deadline());
    }

    private static boolean stillFound(JobResults.Items items, String risk) {
        return items != null && items.risks().stream().anyMatch(r -> {
            String dns = r.dns() == null || r.dns().isBlank()
                    ? RiskKeys.dnsOfTarget(RiskKeys.targetKey(r.target())) : r.dns();
            return RiskKeys.identity(dns, r.name()).key().equals(risk);
        });
    }
}
