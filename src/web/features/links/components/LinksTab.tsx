// The subject page's Links tab: the graph of people who share an address, phone, email, bank account,
// wallet, device, resume or photo with this person (up to two steps away), and the same links as a list.
import { Alert, Anchor, Badge, Card, Grid, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { SubjectDetail } from '../../../api/types.ts';
import { BandBadge } from '../../../ui/badges.tsx';
import { ErrorAlert, PageLoader } from '../../../ui/feedback.tsx';
import { memberName, type SubjectLinks } from '../model.ts';
import { useSubjectLinks } from '../queries.ts';
import { LinkGraph } from './LinkGraph.tsx';

const subjectHref = (id: string) => `/subjects/${encodeURIComponent(id)}?tab=links`;

function LinkList({ graph }: { graph: SubjectLinks }) {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const person = (id: string) => {
    const n = byId.get(id);
    return (
      <Group gap={6} wrap="nowrap" component="span">
        {id === graph.centre ? (
          <Text fw={600} span>
            {n ? memberName(n) : id} (this person)
          </Text>
        ) : (
          <Anchor component={Link} to={subjectHref(id)}>
            {n ? memberName(n) : id}
          </Anchor>
        )}
        <BandBadge band={n?.band ?? null} size="sm" />
        {n?.kind && (
          <Text size="xs" c="dimmed" span>
            {n.kind}
          </Text>
        )}
      </Group>
    );
  };
  return (
    <List spacing="sm" listStyleType="none" data-testid="link-list" aria-label="Links between people">
      {graph.edges.map((e) => (
        <List.Item key={`${e.source}\u0000${e.target}`} data-testid="link-item" data-household={e.household}>
          <Stack gap={2}>
            <Group gap={6} wrap="wrap">
              {person(e.source)}
              <Text size="sm" c="dimmed" span>
                and
              </Text>
              {person(e.target)}
            </Group>
            <List size="sm" withPadding>
              {e.shared.map((s) => (
                <List.Item key={`${s.kind}\u0000${s.display}`}>
                  <Text size="sm" span>
                    {s.label}:{' '}
                    <Text span ff="monospace">
                      {s.display}
                    </Text>
                  </Text>{' '}
                  {s.household && (
                    <Badge size="xs" variant="light" color="gray">
                      declared household
                    </Badge>
                  )}
                </List.Item>
              ))}
            </List>
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}

export function LinksTab({ detail }: { detail: SubjectDetail }) {
  const links = useSubjectLinks(detail.id);
  if (links.isPending) return <PageLoader label="Loading links…" />;
  if (links.error) return <ErrorAlert error={links.error} title="Could not load the links" />;
  const graph = links.data;
  if (graph.edges.length === 0) {
    return (
      <Alert icon={<IconInfoCircle size={18} />} color="gray" data-testid="links-empty">
        No one else shares an address, phone, email, bank account, wallet, device, resume or photo with this
        person.
      </Alert>
    );
  }
  const people = graph.nodes.length - 1;
  return (
    <Stack data-testid="subject-links-tab">
      <Text size="sm">
        {people === 1 ? '1 other person is' : `${people} other people are`} linked to this person by something
        they share, directly or through someone else. Values shared only with declared household members
        (people who said they live together) are expected: they are drawn dashed and marked “declared
        household”.
      </Text>
      {graph.truncated && (
        <Alert color="yellow" data-testid="links-truncated">
          More people are linked than can be drawn: the nearest {graph.nodes.length} are shown. The Links page
          lists whole clusters.
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="xs">
            <LinkGraph graph={graph} />
            <Text size="xs" c="dimmed" mt={4}>
              Colour and the word under each name give the risk band; rounded squares are employees, circles
              candidates; the outlined one is this person. Click someone to open their links.
            </Text>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Title order={4} size="h5" mb="xs">
            Who shares what
          </Title>
          <LinkList graph={graph} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export default LinksTab;
