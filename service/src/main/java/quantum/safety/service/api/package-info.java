/** The service's JSON: intents read and checked before anything is decided, decisions and operations written. */
package quantum.safety.service.api;
