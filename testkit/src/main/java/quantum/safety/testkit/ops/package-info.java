/**
 * An operator's machine for the tests of the ops commands, whichever module drives them (the ops library, the
 * command line): the test bundle, and a real Prometheus, Alertmanager and Redis with the operator's hand-kept files.
 * The exporter that Prometheus scrapes is started by the module under test, since the testkit depends on no module
 * whose tests use it.
 */
package quantum.safety.testkit.ops;
