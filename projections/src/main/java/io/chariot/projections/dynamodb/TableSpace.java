package io.chariot.projections.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where each generation of a DynamoDB read model lives: generation 0 in the shared Chariot table (ADR 0002), every
 * later one — built beside the live one by a blue-green rebuild — in a table of its own,
 * {@code <base>.<model>.g<n>}.
 */
public record TableSpace(DynamoDbClient dynamo, String baseTable) {

    public ChariotTable table(String model, int generation) {
        return new ChariotTable(dynamo, tableName(model, generation));
    }

    public String tableName(String model, int generation) {
        return generation == 0 ? baseTable : baseTable + "." + model + ".g" + generation;
    }
}
