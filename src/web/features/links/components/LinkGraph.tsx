// The link graph drawn with cytoscape: the centre subject larger with a thick outline, nodes coloured by band
// and labelled with the name and band in words, employees as rounded squares and candidates as circles,
// edges labelled with what the two share; declared household edges dashed and grey. Clicking a person
// opens their Links tab. The list beside the graph says the same in text.
import { Box } from '@mantine/core';
import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { graphElements, type SubjectLinks } from '../model.ts';

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'font-size': 11,
      color: '#212529',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      width: 28,
      height: 28,
      'border-width': 1,
      'border-color': '#495057',
    },
  },
  { selector: 'node[shape = "round-rectangle"]', style: { shape: 'round-rectangle' } },
  {
    selector: 'node[?centre]',
    style: { width: 44, height: 44, 'border-width': 5, 'border-color': '#1c7ed6', 'font-weight': 'bold' },
  },
  {
    selector: 'edge',
    style: {
      label: 'data(label)',
      'font-size': 10,
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'curve-style': 'bezier',
      width: 2,
      'line-color': '#868e96',
    },
  },
  {
    selector: 'edge[?household]',
    style: { 'line-style': 'dashed', 'line-color': '#adb5bd', color: '#495057' },
  },
];

export function LinkGraph({ graph }: { graph: SubjectLinks }) {
  const container = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();

  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current,
      elements: graphElements(graph),
      style: STYLE,
      // Force-directed (cytoscape's built-in cose): linked people pull together, edge labels stay readable.
      layout: {
        name: 'cose',
        animate: false,
        padding: 40,
        idealEdgeLength: () => 160,
        nodeRepulsion: () => 80_000,
        nodeDimensionsIncludeLabels: true,
      },
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node', (event) => {
      const id = event.target.id() as string;
      if (id !== graph.centre) void navigate(`/subjects/${encodeURIComponent(id)}?tab=links`);
    });
    return () => cy.destroy();
  }, [graph, navigate]);

  return (
    <Box
      ref={container}
      h={460}
      style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
      data-testid="link-graph"
      data-nodes={graph.nodes.length}
      data-edges={graph.edges.length}
      role="img"
      aria-label={`Link graph: ${graph.nodes.length} people, ${graph.edges.length} links. The same links are listed in text beside it.`}
    />
  );
}
