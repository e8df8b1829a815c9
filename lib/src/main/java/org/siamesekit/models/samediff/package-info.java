/**
 * Every workaround for ND4J/SameDiff 1.0.0-M2.1 the kit needs, behind one
 * facade, {@link org.siamesekit.models.samediff.SameDiffRuns}; each is switchable
 * ({@link org.siamesekit.models.samediff.Workaround}) and checked against the
 * ND4J version it was written for ({@link org.siamesekit.models.samediff.Nd4jVersion}).
 * docs/nd4j-workarounds.md lists them. {@link org.siamesekit.models.samediff.WorkerThreads}
 * runs graphs on worker threads with their own native op thread counts. Not for notebooks: {@code models.*}
 * does not import it. Uses only ND4J.
 */
package org.siamesekit.models.samediff;
