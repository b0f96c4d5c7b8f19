//! Receive the ACS events an Event Grid subscription delivers to an event hub, and print one line
//! per message: the typed event, or why it is none.
//!
//! ```text
//! az login
//! EVENTHUBS_HOST=<namespace>.servicebus.windows.net EVENTHUB_NAME=<event hub> \
//!   [EVENTHUB_CONSUMER_GROUP=<group>] cargo run
//! ```
//!
//! It reads every partition from its end (new messages only) until Ctrl-C. It keeps no
//! checkpoints: a service that must not miss messages across restarts uses the SDK's
//! `EventProcessor` with a checkpoint store, and hands each message to the same
//! `handle_message`.

use std::error::Error;
use std::process::ExitCode;

use azure_identity::DeveloperToolsCredential;
use azure_messaging_eventhubs::models::ReceivedEventData;
use azure_messaging_eventhubs::ConsumerClient;
use eventhubs_receiver::{handle_message, Outcome};
use futures::stream::{self, StreamExt};

/// Where to receive from, from the environment.
struct Config {
    /// The namespace's fully qualified host name, `<namespace>.servicebus.windows.net`.
    host: String,
    /// The event hub the Event Grid subscription delivers to.
    event_hub: String,
    /// The consumer group; the SDK's default is `$Default`.
    consumer_group: Option<String>,
}

impl Config {
    fn from_env() -> Result<Config, String> {
        let required = |name: &str| {
            std::env::var(name).map_err(|_| format!("set {name} (see the example's README.md)"))
        };
        Ok(Config {
            host: required("EVENTHUBS_HOST")?,
            event_hub: required("EVENTHUB_NAME")?,
            consumer_group: std::env::var("EVENTHUB_CONSUMER_GROUP").ok(),
        })
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match receive(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// Receive from every partition until Ctrl-C, then close the receivers and the connection.
async fn receive(config: Config) -> Result<(), Box<dyn Error>> {
    // The Azure CLI's (or Azure Developer CLI's) signed-in account; it needs the role "Azure
    // Event Hubs Data Receiver" on the event hub.
    let credential = DeveloperToolsCredential::new(None)?;
    let mut builder = ConsumerClient::builder();
    if let Some(group) = config.consumer_group {
        builder = builder.with_consumer_group(group);
    }
    let consumer = builder
        .open(&config.host, config.event_hub, credential)
        .await?;

    let mut receivers = Vec::new();
    for partition in consumer.get_eventhub_properties().await?.partition_ids {
        receivers.push(consumer.open_receiver_on_partition(partition, None).await?);
    }
    let partitions = receivers.iter().map(|receiver| {
        let partition = receiver.partition_id();
        receiver
            .stream_events()
            .map(move |received| (partition, received))
            .boxed_local()
    });
    let mut messages = stream::select_all(partitions);

    let shutdown = tokio::signal::ctrl_c();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            next = messages.next() => match next {
                Some((partition, Ok(received))) => report(partition, &received),
                // After the SDK's own retries: the error ends that partition's stream.
                Some((partition, Err(error))) => eprintln!("partition {partition}: {error}"),
                None => break,
            },
            _ = &mut shutdown => break,
        }
    }

    drop(messages);
    for receiver in receivers {
        receiver.close().await?;
    }
    consumer.close().await?;
    Ok(())
}

/// One line per message. A real consumer acts here, and stores the dedup key with the effect of
/// its action: Event Grid delivers at least once, and the same event can arrive again.
fn report(partition: &str, received: &ReceivedEventData) {
    let position = match received.sequence_number() {
        Some(sequence_number) => format!("partition {partition} #{sequence_number}"),
        None => format!("partition {partition}"),
    };
    let outcome = handle_message(received.event_data());
    let key = match outcome.dedup_key() {
        Some((source, id)) => format!(" (source {source}, id {id})"),
        None => String::new(),
    };
    match outcome {
        Outcome::Event(event) => println!(
            "{position}: {} {}{key}",
            event.data.variant_name(),
            event.envelope.event_type()
        ),
        Outcome::Rejected(error) => eprintln!("{position}: {error}{key}"),
    }
}
